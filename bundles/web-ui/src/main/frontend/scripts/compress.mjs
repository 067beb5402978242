// Writes a .gz beside every text asset of the build, so the server sends the app compressed without compressing it
// on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const root = process.argv[2];
if (!root) throw new Error('usage: compress.mjs <dir>');
let files = 0, raw = 0, packed = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!/\.(js|mjs|css|html|svg|json|txt|map)$/.test(name)) continue;
    const data = readFileSync(path);
    const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    writeFileSync(path + '.gz', gz);
    files++; raw += data.length; packed += gz.length;
  }
};
walk(root);
console.log(`compressed ${files} files: ${(raw / 1024).toFixed(0)} KB -> ${(packed / 1024).toFixed(0)} KB gzipped`);
