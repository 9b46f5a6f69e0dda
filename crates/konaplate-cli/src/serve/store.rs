//! `--db PATH`: the sandbox state in redb. Each answered request commits the whole state in
//! one durable transaction before the answer is sent, so `kill -9` loses nothing acknowledged.

use std::path::Path;

use konaplate_core::sandbox::state::State;
use redb::{Database, ReadableDatabase, TableDefinition};

const TABLE: TableDefinition<&str, &str> = TableDefinition::new("sandbox");
const KEY: &str = "state";

pub struct Store {
    db: Database,
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, String> {
        let db = Database::create(path).map_err(|e| format!("cannot open database {}: {e}", path.display()))?;
        Ok(Store { db })
    }

    /// The saved state, if any.
    pub fn load(&self) -> Result<Option<State>, String> {
        let read = self.db.begin_read().map_err(|e| e.to_string())?;
        let table = match read.open_table(TABLE) {
            Ok(table) => table,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        let Some(json) = table.get(KEY).map_err(|e| e.to_string())? else { return Ok(None) };
        serde_json::from_str(json.value()).map(Some).map_err(|e| format!("saved state is unreadable: {e}"))
    }

    pub fn save(&self, state: &State) -> Result<(), String> {
        let json = serde_json::to_string(state).map_err(|e| e.to_string())?;
        let write = self.db.begin_write().map_err(|e| e.to_string())?;
        {
            let mut table = write.open_table(TABLE).map_err(|e| e.to_string())?;
            table.insert(KEY, json.as_str()).map_err(|e| e.to_string())?;
        }
        write.commit().map_err(|e| e.to_string())
    }
}
