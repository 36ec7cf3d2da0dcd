/**
 * `npm run inbox -- <command>`: manage editor accounts of the tip inbox.
 *   add-user <name>        create an account; prints a one-time password
 *   reset-password <name>  new one-time password, ends the account's sessions
 *   unlock <name>          lift the login throttle of an account at once, without a restart
 *   list-users             list accounts
 * Uses the database under DATA_DIR (default ./data).
 */
import { readConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db.ts';
import { audit } from '../src/server/audit.ts';
import { forgetLoginFailures } from '../src/server/inbox/login-throttle.ts';
import { addUser, listUsers, resetPassword } from '../src/server/inbox/users.ts';
import { LimitStore } from '../src/server/security/limit-store.ts';

const [command, name] = process.argv.slice(2);
const config = readConfig();
const db = openDatabase(config.dataDir);

/** The throttle's counts are in the data folder, shared with the running server. */
function forgetFailures(name: string): void {
  const limits = LimitStore.inFolder(config.dataDir);
  try {
    forgetLoginFailures(limits, name);
  } finally {
    limits.close();
  }
}

try {
  if (command === 'add-user' && name) {
    const password = await addUser(db, name);
    audit(db, '命令行', 'add-user', '', name);
    console.log(
      `已创建账号“${name}”。一次性初始密码（只显示这一次，首次登录后必须修改）：\n\n  ${password}\n`,
    );
  } else if (command === 'reset-password' && name) {
    const password = await resetPassword(db, name);
    audit(db, '命令行', 'reset-password', '', name);
    forgetFailures(name);
    console.log(`已重置“${name}”的密码。新的一次性密码：\n\n  ${password}\n`);
  } else if (command === 'unlock' && name) {
    if (!listUsers(db).some((user) => user.name === name)) throw new Error(`没有名为“${name}”的账号`);
    audit(db, '命令行', 'unlock', '', name);
    forgetFailures(name);
    console.log(`已解除“${name}”的登录限制：运行中的服务器在下一次登录时生效，无需重启。`);
  } else if (command === 'list-users') {
    for (const user of listUsers(db))
      console.log(`${user.name}${user.must_change ? '（尚未修改初始密码）' : ''}`);
  } else {
    console.error(
      '用法：npm run inbox -- add-user <账号名> | reset-password <账号名> | unlock <账号名> | list-users',
    );
    process.exitCode = 2;
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  db.close();
}
