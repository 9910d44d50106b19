import { generateKeyPairSync, sign } from 'node:crypto';

/** Discord's side of HTTP interactions: a key pair, the public key as the Developer Portal shows it, and signing. */
export function discordSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    /** 64 hex characters, like the portal's "Public Key". */
    publicKeyHex: raw.toString('hex'),
    sign(timestamp: string, body: string): string {
      return sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
    },
  };
}
