const BOLD = '\u001b[1m';
const CYAN = '\u001b[36m';
const RESET = '\u001b[0m';

/**
 * The lines a person at the terminal looks for once the server is up (where to open it, how to
 * sign in), boxed and bold so they stand out from the log lines around them. Only for a terminal:
 * a log collector gets the same facts as ordinary log records.
 */
export function startBanner(url: string, demoLine?: string): string {
  const lines = [
    `POEMS workup tracker: ${url}`,
    ...(demoLine === undefined ? [] : [demoLine]),
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  return [
    '',
    `${CYAN}┌${rule}┐${RESET}`,
    ...lines.map(
      (line) =>
        `${CYAN}│${RESET} ${BOLD}${line.padEnd(width)}${RESET} ${CYAN}│${RESET}`,
    ),
    `${CYAN}└${rule}┘${RESET}`,
    '',
    '',
  ].join('\n');
}
