// The pool's worker thread. Node 20 does not apply `--import tsx` to a worker's entry file, so
// this small CommonJS entry registers tsx's loader and then loads the TypeScript tasks.
'use strict';
require('tsx/cjs');
// Below the request loop: on Linux a thread's nice value is its own (man 2 setpriority, BUGS:
// "under the current Linux/NPTL implementation of POSIX threads, the nice value is a per-thread
// attribute"), so this lowers only this worker. Busy scoring must never starve the thread that
// answers requests (bench/hostile: 20 strength checks at once delayed the event loop by up to
// 137 ms with both at nice 0; 74-96 ms after). Elsewhere the call would lower the whole process.
if (process.platform === 'linux') require('node:os').setPriority(19);
const { parentPort } = require('node:worker_threads');
const { runCpuTask } = require('./cpuTasks.ts');

parentPort.on('message', (msg) => {
  try {
    parentPort.postMessage({ id: msg.id, ok: true, result: runCpuTask(msg.task) });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
