// konaplate/crypto: encryptBody / decryptBody against the test keys, the known-answer vector and
// Node's own crypto (RSA-OAEP-256 + AES-GCM written independently here), both ways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import crypto from "node:crypto";
import { encryptBody, decryptBody } from "konaplate/crypto";
import * as main from "konaplate";

const keys = new URL("../../testdata/keys/", import.meta.url);
const pem = (name) => readFileSync(new URL(name, keys), "utf8");
const serverPrivate = pem("server-private.pem");
const plaintext = JSON.stringify({ cardNo: "1111222233334444", type: "ATM" });
const b64url = (buf) => Buffer.from(buf).toString("base64url");

test("the main entry has no crypto exports (it stays the same size)", () => {
  assert.equal(main.encryptBody, undefined);
  assert.equal(typeof main.validate, "function");
});

test("encryptBody round-trips with every public key form and both encs", () => {
  for (const name of ["server-public.pem", "server-public-pkcs1.pem", "server-certificate.pem"]) {
    for (const enc of [undefined, "A128GCM", "A256GCM"]) {
      const body = encryptBody(plaintext, pem(name), enc);
      const header = JSON.parse(Buffer.from(JSON.parse(body).encData.split(".")[0], "base64url"));
      assert.deepEqual(header, { alg: "RSA-OAEP-256", enc: enc ?? "A128GCM" });
      assert.equal(decryptBody(body, serverPrivate), plaintext);
    }
  }
});

test("the known-answer vector decrypts", () => {
  const kat = readFileSync(new URL("../../testdata/jwe/known-answer-a128gcm.jwe", import.meta.url), "utf8");
  assert.equal(decryptBody(kat, serverPrivate), plaintext);
});

test("Node's crypto decrypts ours, and we decrypt Node's", () => {
  const body = encryptBody(plaintext, pem("server-public.pem"));
  const [h, k, iv, ct, tag] = JSON.parse(body).encData.split(".");
  const cek = crypto.privateDecrypt(
    { key: serverPrivate, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" },
    Buffer.from(k, "base64url"),
  );
  const decipher = crypto.createDecipheriv("aes-128-gcm", cek, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(h, "ascii"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const opened = Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString();
  assert.equal(opened, plaintext);

  const header = b64url(JSON.stringify({ alg: "RSA-OAEP-256", enc: "A256GCM" }));
  const key = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(header, "ascii"));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const wrapped = crypto.publicEncrypt(
    { key: pem("server-public.pem"), padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" },
    key,
  );
  const jwe = [header, b64url(wrapped), b64url(nonce), b64url(sealed), b64url(cipher.getAuthTag())].join(".");
  assert.equal(decryptBody(jwe, serverPrivate), plaintext);
  assert.equal(decryptBody(JSON.stringify({ encData: jwe }), serverPrivate), plaintext);
});

/** The body with the first character of its tag changed (still canonical Base64url). */
function tamperTag(body) {
  const parts = JSON.parse(body).encData.split(".");
  parts[4] = (parts[4][0] === "A" ? "B" : "A") + parts[4].slice(1);
  return JSON.stringify({ encData: parts.join(".") });
}

test("failures throw an Error that says why, and the module keeps working", () => {
  const body = encryptBody(plaintext, pem("server-public.pem"));
  const cases = [
    [() => decryptBody(body, pem("client-private.pem")), /encrypted for another key/],
    [() => decryptBody(tamperTag(body), serverPrivate), /authentication failed/],
    [() => decryptBody("a.b.c", serverPrivate), /5 parts/],
    [() => decryptBody(body, pem("server-public.pem")), /a private key is needed/],
    [() => encryptBody(plaintext, pem("rsa1024-public.pem")), /at least 2048/],
    [() => encryptBody(plaintext, pem("ec-public.pem")), /not RSA/],
    [() => encryptBody(plaintext, "not a key"), /not PEM/],
    [() => encryptBody(plaintext, pem("server-public.pem"), "A128CBC-HS256"), /A128GCM/],
  ];
  for (const [call, reason] of cases) {
    assert.throws(call, (e) => e instanceof Error && e.message.startsWith("konaplate: ") && reason.test(e.message));
  }
  assert.equal(decryptBody(encryptBody(plaintext, pem("server-certificate.pem")), serverPrivate), plaintext);
});
