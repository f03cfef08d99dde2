/**
 * Accounts from the command line: the first admin, and recovery when nobody can sign in.
 *
 *   npm run user -- add <name> --role reader|translator|reviewer|admin [--generate]
 *   npm run user -- list
 *   npm run user -- set-role <name> <role>
 *   npm run user -- reset-password <name> [--generate]
 *   npm run user -- disable <name>      (and `enable <name>`)
 *
 * A password is read from standard input when it is piped (`printf '%s' "$PW" | npm run user -- add ...`), asked for
 * twice on a terminal (not echoed), or generated with --generate and printed once. Works on DATA_DIR like the server.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Role } from '../auth/roles.ts';
import { generatePassword } from '../auth/secrets.ts';
import { loadConfig } from '../config.ts';
import { closeDeps, createDeps, type Deps } from '../deps.ts';
import { isCodedError } from '../errors.ts';
import { addUser, changeUser, listUsers } from '../services/accounts.ts';
import { recordAudit } from '../services/audit.ts';

const USAGE = `Usage:
  npm run user -- add <name> --role reader|translator|reviewer|admin [--generate]
  npm run user -- list
  npm run user -- set-role <name> <role>
  npm run user -- reset-password <name> [--generate]
  npm run user -- disable <name> | enable <name>`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function askHidden(question: string): Promise<string> {
  let muted = false;
  const out = new Writable({ write: (chunk, _enc, cb) => { if (!muted) process.stderr.write(chunk); cb(); } });
  const rl = readline.createInterface({ input: process.stdin, output: out, terminal: true });
  const answer = new Promise<string>((resolve) => rl.question(question, resolve));
  muted = true;
  const value = await answer;
  rl.close();
  process.stderr.write('\n');
  return value;
}

/** The password to set: generated, piped, or typed twice. Returns whether it was generated (so it is printed). */
async function obtainPassword(generate: boolean): Promise<{ password: string; generated: boolean }> {
  if (generate) return { password: generatePassword(), generated: true };
  if (!process.stdin.isTTY) return { password: await readStdin(), generated: false };
  const a = await askHidden('Password (at least 10 characters): ');
  const b = await askHidden('Again: ');
  if (a !== b) throw new Error('The two passwords differ: nothing was changed');
  return { password: a, generated: false };
}

const audit = (deps: Deps, action: string, entityId: string, before: unknown, after: unknown) =>
  recordAudit(deps, { user: `cli:${process.env.USER ?? 'unknown'}`, address: 'local', action, entity: 'user', entityId, before, after });

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { role: { type: 'string' }, generate: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  const [command, name, roleArg] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const deps = await createDeps(loadConfig());
  try {
    switch (command) {
      case 'list': {
        for (const u of await listUsers(deps)) process.stdout.write(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
        return 0;
      }
      case 'add': {
        const role = Role.safeParse(values.role);
        if (!name || !role.success) throw new Error(`add needs a name and --role (${Role.options.join(', ')})\n${USAGE}`);
        const { password, generated } = await obtainPassword(Boolean(values.generate));
        const user = await addUser(deps, name, role.data, password);
        await audit(deps, 'user.create', user.id, null, user);
        process.stdout.write(`Created ${user.name} (${user.role}).${generated ? `\nPassword (shown once): ${password}` : ''}\n`);
        return 0;
      }
      case 'set-role': {
        const role = Role.safeParse(roleArg);
        if (!name || !role.success) throw new Error(`set-role needs a name and a role (${Role.options.join(', ')})`);
        const { before, after } = await changeUser(deps, name, { role: role.data });
        await audit(deps, 'user.change', after.id, before, after);
        process.stdout.write(`${after.name} is now ${after.role}; their sessions were ended.\n`);
        return 0;
      }
      case 'reset-password': {
        if (!name) throw new Error('reset-password needs a name');
        const { password, generated } = await obtainPassword(Boolean(values.generate));
        const { before, after } = await changeUser(deps, name, { password });
        await audit(deps, 'user.reset_password', after.id, before, after);
        process.stdout.write(`New password set for ${after.name}; their sessions were ended.${generated ? `\nPassword (shown once): ${password}` : ''}\n`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        if (!name) throw new Error(`${command} needs a name`);
        const { before, after } = await changeUser(deps, name, { disabled: command === 'disable' });
        await audit(deps, `user.${command}`, after.id, before, after);
        process.stdout.write(`${after.name} is ${after.disabled ? 'disabled (history kept, cannot sign in)' : 'enabled'}.\n`);
        return 0;
      }
      default:
        throw new Error(`Unknown command ${command}\n${USAGE}`);
    }
  } finally {
    await closeDeps(deps);
  }
}

if (process.argv[1] && /cli[\\/]user\.ts$|cli_user/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${isCodedError(err) ? `${err.code}: ` : ''}${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
