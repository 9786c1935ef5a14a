// Personal data at rest: submissions hold names, ID numbers and phones, so their data is
// sealed with AES-256-GCM before it reaches SQLite. The key is not in the database: it comes
// from the configuration (HALL_SUBMISSION_KEY) or from a key file beside it, created on first
// start, so a copied database file alone reveals nothing.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ivBytes = 12;
const tagBytes = 16;
/** Format byte: lets a later key rotation tell old blobs from new. */
const formatV1 = 1;

export class Sealer {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('submission key must be 32 bytes (AES-256)');
    this.key = key;
  }

  /** version(1) | iv(12) | tag(16) | ciphertext. `context` (the row id) is bound as AAD. */
  seal(value: unknown, context: string): Buffer {
    return this.sealBytes(Buffer.from(JSON.stringify(value), 'utf8'), context);
  }

  open<T>(blob: Buffer, context: string): T {
    return JSON.parse(this.openBytes(blob, context).toString('utf8')) as T;
  }

  /** The same sealing for bytes that are not JSON (an uploaded PDF). */
  sealBytes(bytes: Uint8Array, context: string): Buffer {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([Buffer.from([formatV1]), iv, cipher.getAuthTag(), body]);
  }

  openBytes(blob: Buffer, context: string): Buffer {
    if (blob[0] !== formatV1) throw new Error('unknown sealed format');
    const iv = blob.subarray(1, 1 + ivBytes);
    const tag = blob.subarray(1 + ivBytes, 1 + ivBytes + tagBytes);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(1 + ivBytes + tagBytes)), decipher.final()]);
  }

  /** A keyed digest (for comparing idempotent retries without storing their content in clear). */
  digest(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}

/**
 * The key: `configured` (base64 of 32 bytes) if given, else the key file's content, else a
 * new random key written to the key file (mode 0600). Without a file (in-memory database)
 * a random key lives as long as the process, like the data.
 */
export function loadSubmissionKey(options: { configured?: string | undefined; keyFile: string | null }): Buffer {
  if (options.configured) {
    const key = Buffer.from(options.configured, 'base64');
    if (key.length !== 32) throw new Error('配置错误 (configuration error): submissionKey 应为32字节密钥的 base64 (base64 of 32 random bytes)');
    return key;
  }
  if (!options.keyFile) return randomBytes(32);
  if (existsSync(options.keyFile)) {
    const key = Buffer.from(readFileSync(options.keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`配置错误 (configuration error): ${options.keyFile} 不是有效的32字节 base64 密钥`);
    return key;
  }
  const key = randomBytes(32);
  mkdirSync(dirname(options.keyFile), { recursive: true });
  writeFileSync(options.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(options.keyFile, 0o600);
  return key;
}
