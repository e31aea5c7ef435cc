// Preloaded with `node --require` into a measured child: on exit, writes the process's peak memory and CPU time
// to the file named by BENCH_RSS_FILE, so the measured program itself (the CLI) is untouched.
import fs from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const memory = process.memoryUsage();
    fs.writeFileSync(
      target,
      JSON.stringify({
        // Linux reports ru_maxrss in KiB; Node passes it through.
        maxRssKiB: usage.maxRSS,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
        heapUsedAtExit: memory.heapUsed,
      }),
    );
  });
}
