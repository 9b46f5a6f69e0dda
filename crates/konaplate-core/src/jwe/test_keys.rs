//! The fixed, published test keys of `testdata/keys/` (see its README): the sandbox's default
//! server and client key pairs, and keys that must be refused. They protect nothing.

macro_rules! key {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/keys/", $file))
    };
}

/// X-KM-Crypto-Key-Id of the sandbox server's key (hex of "konaplate-server").
pub const SERVER_KEY_ID: &str = "6b6f6e61706c6174652d736572766572";
/// Key id of the sandbox's client key (hex of "konaplate-client").
pub const CLIENT_KEY_ID: &str = "6b6f6e61706c6174652d636c69656e74";

pub const SERVER_PRIVATE_PKCS8: &str = key!("server-private.pem");
pub const SERVER_PRIVATE_PKCS1: &str = key!("server-private-pkcs1.pem");
pub const SERVER_PUBLIC_SPKI: &str = key!("server-public.pem");
pub const SERVER_PUBLIC_PKCS1: &str = key!("server-public-pkcs1.pem");
pub const SERVER_CERTIFICATE: &str = key!("server-certificate.pem");
pub const CLIENT_PRIVATE_PKCS8: &str = key!("client-private.pem");
pub const CLIENT_PUBLIC_SPKI: &str = key!("client-public.pem");
/// A P-256 public key: not RSA.
pub const EC_PUBLIC_SPKI: &str = key!("ec-public.pem");
/// An RSA-1024 public key: too short.
pub const RSA_1024_PUBLIC_SPKI: &str = key!("rsa1024-public.pem");
