import path from 'node:path';

/**
 * What a newcomer does once the hub runs: try the training floor, add a station and open its page,
 * add an officer, import the day's bookings. `loket hub` (and so `npm start` without Electron)
 * prints it; the hub's front page `/` shows the same steps.
 */
export interface NextStep {
  /** What to do, in a line. */
  say: string;
  /** The command that does it, to copy as it is; none when the step is a page to open. */
  run?: string;
  /** A station page of the hub to open (`/kiosk`); the front page links it. */
  page?: string;
}

/** The sample appointment list shipped with Loket, from the project folder. */
export const sampleAppointmentFile = 'docs/samples/appointments-sample.csv';

export function nextSteps(options: {
  /**
   * The real floor's data folder, for the commands (a training floor's is DIR/training); null
   * writes DIR (not known, or a front page seen from the LAN).
   */
  dataDir: string | null;
  training: boolean;
}): NextStep[] {
  const data = options.dataDir === null ? 'DIR' : shellWord(shownFolder(options.dataDir));
  if (options.training)
    return [
      {
        say: 'Open each station page of the training sheet the hub printed (kiosk, counters, board, supervisor, print) and sign it in with its token; the officers and their PINs are there too.',
        page: '/kiosk',
      },
      {
        say: 'Leave the training floor: stop this hub (Ctrl-C) and start the real floor, whose database is never touched by training:',
        run: `npx loket hub --data ${data}`,
      },
    ];
  return [
    {
      say: 'Try the training floor first (a sample day of bookings, every station and officer ready): stop this hub (Ctrl-C), then run',
      run: `npx loket hub --training --data ${data}`,
    },
    {
      say: 'Add a station, then open its page (/kiosk, /counter, /print, /display or /supervisor) and type the token printed on the last line:',
      run: `npx loket station add --data ${data} --mode kiosk --name "Kiosk 1"`,
      page: '/kiosk',
    },
    {
      say: 'Add an officer (the PIN is asked for, never typed on the command line):',
      run: `npx loket user add --username ayu --name "Ayu Lestari" --role supervisor --data ${data}`,
    },
    {
      say: "Import the day's bookings (a sample list ships with Loket):",
      run: `npx loket appointments import ${sampleAppointmentFile} --data ${data}`,
    },
  ];
}

/** The steps as `loket hub` prints them, after the address to open. */
export function nextStepsText(url: string, steps: readonly NextStep[]): string {
  const open = url.replace(/\/\/(0\.0\.0\.0|\[::\])(?=[:/]|$)/, '//127.0.0.1');
  const lines = [
    'Langkah berikutnya / Next steps:',
    `  1. Open ${open}/ in a browser: it shows these steps too.`,
    ...steps.flatMap((step, index) => [
      `  ${index + 2}. ${step.say}`,
      ...(step.run ? [`       ${step.run}`] : []),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** A folder below the working folder is named from it (`.loket-data`), any other in full. */
function shownFolder(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir;
}

/** A word the shell passes on as it is. */
function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
