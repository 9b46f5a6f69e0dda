/**
 * `{"encData":"<JWE>"}` for `plaintext` (the exact JSON text to send; sign this result),
 * encrypted to the server key (SPKI or PKCS#1 public-key PEM, or its X.509 certificate PEM):
 * compact JWE, protected header `{"alg":"RSA-OAEP-256","enc":"A128GCM"}` (or `"A256GCM"`).
 * Throws an `Error` starting `konaplate: ` (English / Korean) for a bad key.
 */
export function encryptBody(plaintext: string, publicKeyPem: string, enc?: "A128GCM" | "A256GCM"): string;
/**
 * The plaintext of `{"encData":"<JWE>"}` or a bare compact JWE, with a PKCS#8 or PKCS#1 private
 * key PEM. Accepts RSA-OAEP-256 and RSA-OAEP with A128GCM or A256GCM. Throws an `Error` starting
 * `konaplate: ` that says why (wrong key, tampered, unsupported alg/enc, malformed).
 */
export function decryptBody(body: string, privateKeyPem: string): string;
