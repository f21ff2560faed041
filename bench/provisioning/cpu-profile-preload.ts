/**
 * `--import` preload that records a V8 CPU profile of the whole process and writes it at exit to
 * `$SCIMSYNC_BENCH_PROFILE_FILE`: Node 20 refuses `--cpu-prof` in NODE_OPTIONS, and the server
 * child is started without extra node flags.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const file = process.env['SCIMSYNC_BENCH_PROFILE_FILE'];
if (file !== undefined) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // The in-thread inspector session answers synchronously, so this works inside 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error === null) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
