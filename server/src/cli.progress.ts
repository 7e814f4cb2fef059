// A progress bar for long commands, on standard error so that standard output stays the summary.
// On a terminal it redraws one line; elsewhere (a log, CI) it writes a line at every tenth.

export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, width = 30): Progress {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const share = total === 0 ? 1 : done / total;
      if (stream.isTTY) {
        const filled = Math.round(share * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${label}: ${done}/${total} (${tenth * 10} %)\n`);
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
