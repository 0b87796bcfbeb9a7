// The pool's worker thread. Node 20 does not apply `--import tsx` to a worker's entry file, so
// this small CommonJS entry registers tsx's loader and then loads the TypeScript tasks.
'use strict';
require('tsx/cjs');
const { parentPort } = require('node:worker_threads');
const { runCpuTask } = require('./cpuTasks.ts');

parentPort.on('message', (msg) => {
  try {
    parentPort.postMessage({ id: msg.id, ok: true, result: runCpuTask(msg.task) });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
