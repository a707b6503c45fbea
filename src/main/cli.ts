// The `civictill` command: demo, import-accounts, verify, export, serve, start.
import { parseArgs } from 'node:util';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StationError } from '../shared/errors';
import { Station } from './station/station';
import { seedDemo } from './station/demo';
import { ImportError, importAccounts } from './station/importAccounts';
import { verifyLedger } from './station/verify';
import { dailySummaryCsv, receiptsJournalCsv } from './station/endOfDay/exports';
import { writeReceiptsJournal } from './station/endOfDay/journalStream';
import { startWebServer } from './web/server';
import { startCardRecovery } from './station/card/start';
import { startDemoTerminal } from './devices/emulateTerminal';
import { ensureRenderer } from './web/rendererBuild';
import { buildElectron, electronBinary } from './shell/launch';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { attachPrinting } from './devices/printing';
import { runPrinterEmulatorCommand, startPrinterEmulator, usePrinterEmulator } from './devices/emulatePrinter';
import { attachDevices } from './devices/devices';
import { firstAdmin, runEmulateCommand, startSerialEmulators, useEmulators } from './devices/emulate';
import { startSync } from './sync/service';
import { enrolStation } from './sync/enrolment';
import { attachBackups } from './station/backup/scheduler';
import { RestoreError, restoreLedger } from './station/backup/restore';
import { attachLog } from './station/log/stationLog';
import { SETUP_EXIT, SETUP_USAGE, runSetup } from './setupCli';

const USAGE = `civictill <command> [options]

  demo --db PATH [--accounts N]        create a demo city in a new database (PINs printed once)
  setup --db PATH --hub URL --code CODE
  setup --db PATH --admin ID --pin-file FILE --city NAME --station ST01 --catalog FILE [--accounts FILE]
                                       set a new station up: from the hub's one-time code, or on its own
                                       (civictill setup --help for the options and exit codes)
  import-accounts FILE.csv --db PATH   load the account directory from a CIS export (all or nothing)
  verify --db PATH                     re-walk the journal hash chain and check every ledger invariant
  restore --from BACKUP --db PATH [--force] [--hub URL --code CODE]
                                       the ledger back from a backup (verified first; --force replaces a
                                       ledger already there), then take the station over with a new code
  export daily-summary|receipts-journal --db PATH --day YYYY-MM-DD [--out FILE]
                                       a business day as CSV (to stdout, or FILE)
  export receipts-journal --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]
                                       every receipt line of a range of days, streamed (a year needs no more memory than a day)
  serve --db PATH [--port N]           run the station in browser mode on 127.0.0.1 (port 0: any free port)
  start --db PATH [--demo] [--port N]  start the till (Electron where installed, else browser mode)
  emulate-devices [--dir DIR] [--db PATH]  check reader, ten-key and customer display on socat ptys
  emulate-printer [--port N] [--db PATH] [--dir DIR] [--columns 32|48] [--slip]
                                       ESC/POS receipt printer + drawer on 127.0.0.1 (--slip: with a slip station)
                                       (--db: point the station's device settings at them)
  hub [--database URL] [--data DIR] [--port N]   run the city hub (civictill hub --help for its admin commands)
`;

const root = fileURLToPath(new URL('../../', import.meta.url));
const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

function fail(message: string, code = 1): never {
  process.stderr.write(`civictill: ${message}\n`);
  process.exit(code);
}

async function createDemo(db: string, accounts: number): Promise<void> {
  const station = await Station.open(db);
  try {
    const { pins, accounts: n } = seedDemo(station, { accounts });
    process.stdout.write(`Demo city "${station.config.cityName}" created in ${db}: ${n} utility accounts.\n`);
    process.stdout.write('Sign-in PINs (shown this once — write them down):\n');
    for (const [user, pin] of Object.entries(pins)) process.stdout.write(`  ${user.padEnd(11)} PIN ${pin}\n`);
  } finally {
    station.close();
  }
}

async function serve(db: string, port: number | undefined, how: string, demo = false): Promise<void> {
  const station = await Station.open(db);
  // The log file in the station's data folder, before anything else can go wrong.
  const log = attachLog(station, join(dirname(resolve(db)), 'logs'));
  process.on('uncaughtException', (e) => log.error('process', e));
  process.on('unhandledRejection', (e) => log.error('process', e));
  // The demo takes card payments on the terminal emulator (loopback HTTPS), with no hardware.
  if (demo) {
    const emu = await startDemoTerminal(station);
    if (emu) process.stdout.write(`Card terminal emulator ${emu.poiId} on ${emu.url}\n`);
  }
  attachPrinting(station); // before any posting: every receipt queues its print job in its own transaction
  attachDevices(station); // opens the configured devices in the background; missing ones keep retrying
  startSync(station); // idles until an admin enrols the station with the hub
  attachBackups(station); // idles until an admin sets a backup folder
  void startCardRecovery(station); // unfinished card attempts settled with the terminal before the next charge
  const web = await startWebServer(station, { port, staticDir: rendererDir });
  process.stdout.write(`${how}: open ${web.url}\n`);
  const stop = () => { void web.close().then(() => { station.close(); process.exit(0); }); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'setup') {
    let a;
    try {
      if (rest.includes('--help')) { process.stdout.write(SETUP_USAGE + '\n'); return; }
      a = parseArgs({ args: rest, options: Object.fromEntries(['db', 'hub', 'code', 'admin', 'admin-name', 'pin-file', 'city', 'address', 'station', 'time-zone', 'language', 'catalog', 'accounts'].map((k) => [k, { type: 'string' as const }])) }).values;
    } catch (e) {
      fail(`${(e as Error).message}\n${SETUP_USAGE}`, SETUP_EXIT.badArgs);
    }
    process.exitCode = await runSetup(a, (t) => process.stdout.write(t), (t) => process.stderr.write(t));
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { from: { type: 'string' }, force: { type: 'boolean' }, hub: { type: 'string' }, code: { type: 'string' }, db: { type: 'string' }, dir: { type: 'string' }, accounts: { type: 'string' }, port: { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean' }, day: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, columns: { type: 'string' }, slip: { type: 'boolean' } },
  });
  if (!command || values.help || command === 'help') { process.stdout.write(USAGE); return; }
  const db = values.db;
  const port = values.port ? Number(values.port) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) fail(`--port ${values.port} is not a port number`);
  switch (command) {
    case 'demo': {
      if (!db) fail('demo needs --db PATH');
      if (existsSync(db)) fail(`${db} already exists: the demo city goes into a new database`);
      const n = values.accounts ? Number(values.accounts) : 10_000;
      if (!Number.isInteger(n) || n < 0 || n > 5_000_000) fail('--accounts must be a whole number up to 5,000,000');
      await createDemo(db, n);
      return;
    }
    case 'import-accounts': {
      const file = positionals[0];
      if (!file || !db) fail('usage: civictill import-accounts FILE.csv --db PATH');
      if (!existsSync(file)) fail(`${file}: no such file`);
      const station = await Station.open(db);
      try {
        const n = importAccounts(station, readFileSync(file, 'utf8'), file);
        process.stdout.write(`Imported ${n} accounts from ${file}.\n`);
      } catch (e) {
        if (e instanceof ImportError) fail(`${file} ${e.message}. Nothing was imported.`, 2);
        throw e;
      } finally {
        station.close();
      }
      return;
    }
    case 'verify': {
      if (!db) fail('verify needs --db PATH');
      if (!existsSync(db)) fail(`${db}: no such database`);
      const station = await Station.open(db);
      try {
        const report = verifyLedger(station);
        (report.ok ? process.stdout : process.stderr).write(report.summary + '\n');
        process.exitCode = report.ok ? 0 : 3;
      } finally {
        station.close();
      }
      return;
    }
    case 'restore': {
      if (!values.from || !db) fail('usage: civictill restore --from BACKUP --db PATH [--force] [--hub URL --code CODE]');
      if (!!values.hub !== !!values.code) fail('give both --hub URL and --code CODE to take the station over now (or neither, and enrol later)');
      let r;
      try {
        r = await restoreLedger(values.from, db, { force: !!values.force });
      } catch (e) {
        if (e instanceof RestoreError) fail(e.message, e.exitCode);
        throw e;
      }
      process.stdout.write(`Restored station ${r.stationId} into ${db} from ${values.from}: ${r.receipts} receipts (last ${r.lastReceipt ?? 'none'}), events up to seq ${r.lastSeq}.\n${r.verified}\n`);
      if (!values.hub || !values.code) {
        process.stdout.write(`It is not linked to the hub: take station ${r.stationId} over with a new code (on the hub: civictill hub enrolment-code ${r.stationId}),\n`
          + `then start the station and enrol it on the Sync screen${r.hubUrl ? ` (the hub was ${r.hubUrl})` : ''}.\n`);
        return;
      }
      const station = await Station.open(db);
      try {
        const res = await enrolStation(station, { hubUrl: values.hub, code: values.code, userId: null });
        process.stdout.write(res.rewound
          ? `Took station ${r.stationId} over at ${values.hub}. The hub kept its events seq ${res.rewound.fromSeq}–${res.rewound.toSeq}, which this backup lacks, and raised exception ${res.rewound.exceptionId} for them; this station carries on from seq ${res.ackedSeq + 1} and receipt number ${res.receiptSeq + 1}.\n`
          : `Took station ${r.stationId} over at ${values.hub}: the hub has its events up to seq ${res.ackedSeq}; the station sends the rest when it runs.\n`);
      } catch (e) {
        if (e instanceof StationError) fail(`the ledger is restored, but the takeover was refused: ${e.message}`, 4);
        throw e;
      } finally {
        station.close();
      }
      return;
    }
    case 'export': {
      const what = positionals[0];
      if (what !== 'daily-summary' && what !== 'receipts-journal') fail('usage: civictill export daily-summary|receipts-journal --db PATH --day YYYY-MM-DD [--out FILE]');
      if (!db || !existsSync(db)) fail(`export needs --db PATH of an existing database`);
      const isDay = (d: string | undefined): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
      const range = values.from !== undefined || values.to !== undefined;
      if (range) {
        if (what !== 'receipts-journal') fail('--from/--to: only the receipts journal is exported over a range of days (the daily summary is one day: --day)');
        if (values.day) fail('give either --day, or --from and --to');
        if (!isDay(values.from) || !isDay(values.to)) fail('--from and --to must both be business days as YYYY-MM-DD');
        if (values.from > values.to) fail(`--from ${values.from} is after --to ${values.to}`);
      } else if (!isDay(values.day)) fail('--day must be a business day as YYYY-MM-DD');
      const station = await Station.open(db);
      try {
        if (range) {
          // Streamed to the file (or stdout) in chunks as the rows are read.
          const fd = values.out ? openSync(`${values.out}.partial`, 'w') : 1;
          const rows = writeReceiptsJournal(station, values.from!, values.to!, (c) => { writeSync(fd, c); });
          if (values.out) {
            fsyncSync(fd);
            closeSync(fd);
            renameSync(`${values.out}.partial`, values.out);
            process.stdout.write(`Wrote ${rows} rows to ${values.out}.\n`);
          }
          return;
        }
        const day = values.day!;
        const file = what === 'daily-summary' ? dailySummaryCsv(station, day) : receiptsJournalCsv(station, day);
        if (values.out) {
          writeFileSync(values.out, file.content);
          process.stdout.write(`Wrote ${file.rows} rows to ${values.out}.\n`);
        } else {
          process.stdout.write(file.content);
        }
      } finally {
        station.close();
      }
      return;
    }
    case 'serve': {
      if (!db) fail('serve needs --db PATH');
      await serve(db, port, 'Browser mode');
      return;
    }
    case 'start': {
      if (!db) fail('start needs --db PATH');
      if (!existsSync(db)) {
        if (!values.demo) fail(`${db} does not exist (add --demo to create a demo city there)`);
        await createDemo(db, 10_000);
      }
      // The renderer is built from source when missing or older than its sources (a fresh clone too).
      ensureRenderer(root);
      const electron = electronBinary(root);
      if (electron) {
        buildElectron(root);
        process.stdout.write(`Electron is installed: opening the CivicTill app on ${db}.\n`);
        const child = spawn(electron, [root, '--db', resolve(db), ...(values.demo ? ['--demo'] : [])], { stdio: 'inherit' });
        child.on('exit', (code) => process.exit(code ?? 0));
        return;
      }
      await serve(db, port ?? 5170, 'Electron is not installed here, so CivicTill runs in browser mode', values.demo === true);
      return;
    }
    case 'emulate-devices': {
      const emu = await startSerialEmulators(values.dir ?? join(tmpdir(), 'civictill-devices'));
      if (db) {
        if (!existsSync(db)) fail(`${db}: no such database`);
        const station = await Station.open(db);
        try {
          const admin = firstAdmin(station);
          if (!admin) fail(`${db} has no admin user to make the change`);
          useEmulators(station, emu.hosts, admin);
          process.stdout.write(`${db}: the check reader, ten-key and display now use these ports (restart the station to pick them up).\n`);
        } finally { station.close(); }
      }
      await runEmulateCommand(emu, process.stdin, process.stdout);
      await emu.close();
      return;
    }
    case 'emulate-printer': {
      const columns = values.columns === '32' ? 32 : 48;
      const slip = values.slip === true;
      const run = await startPrinterEmulator({ port: port ?? 9100, columns, slip, ...(values.dir ? { dir: values.dir } : {}), output: process.stdout });
      if (db) {
        if (!existsSync(db)) fail(`${db}: no such database`);
        const station = await Station.open(db);
        try {
          const admin = firstAdmin(station);
          if (!admin) fail(`${db} has no admin user to make the change`);
          usePrinterEmulator(station, run.address, columns, admin, slip);
          process.stdout.write(`${db}: the receipt printer and drawer now use ${run.address}${slip ? ', with its slip station for validations and endorsements' : ''} (restart the station to pick them up).\n`);
        } finally { station.close(); }
      }
      await runPrinterEmulatorCommand(run, process.stdin, process.stdout);
      await run.close();
      return;
    }
    default:
      fail(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof StationError) fail(e.message);
  fail(e instanceof Error ? e.message : String(e));
});
