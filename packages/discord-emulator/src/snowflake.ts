// Snowflake ids shaped like Discord's (timestamp since the Discord epoch, shifted left 22 bits).
const DISCORD_EPOCH = 1420070400000n;

let lastTimestamp = 0n;
let increment = 0n;

export function nextSnowflake(now = Date.now()): string {
  let timestamp = BigInt(now) - DISCORD_EPOCH;
  if (timestamp <= lastTimestamp) {
    timestamp = lastTimestamp;
    increment = (increment + 1n) & 0xfffn;
    if (increment === 0n) timestamp += 1n;
  } else {
    increment = 0n;
  }
  lastTimestamp = timestamp;
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function randomToken(bytes = 24): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  for (const b of random) out += chars[b % chars.length];
  return out;
}
