//! The Try It console for a document given as `spec` (`<konaplate-try-it spec="URL">`,
//! `mount(root, { spec })`): the same console as `konaplate-console`, built with its `document`
//! feature (core's loader, its refusals worded EN/KO, `pattern` matched by the browser's RegExp).
//! `www/konaplate-try-it.js` loads this module instead of the built-in one for such a console,
//! so a page without a `spec` never fetches the loader and a page with one fetches one module.
//!
//! Its exports are the console's own `mount` and `unmount` (wasm-bindgen exports what the linked
//! console crate marks); this crate only links it with the feature on.

pub use konaplate_console::{mount, unmount};
