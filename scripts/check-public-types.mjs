// Fails when a published declaration file uses `any`: public types use `unknown` or precise types.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const offenders = [];
for (const name of readdirSync('packages')) {
  const file = join('packages', name, 'dist', 'index.d.ts');
  if (!existsSync(file)) {
    offenders.push(`${file} is missing: run pnpm build`);
    continue;
  }
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const code = line.replace(/\/\/.*$|\/\*.*?\*\/|^\s*\*.*$/g, '').replace(/'[^']*'/g, "''");
    if (/(?<![\w$])any(?![\w$])/.test(code)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
  });
}
if (offenders.length > 0) {
  console.error(`Public declarations must not use \`any\`:\n${offenders.join('\n')}`);
  process.exit(1);
}
console.log('public declarations: no `any`');
