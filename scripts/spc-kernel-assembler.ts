// WebAssembly text → binary with wabt (a development dependency: the shipped code carries the binary).
import wabtInit from 'wabt';
import { spcKernelWat } from '../src/domain/spc/kernel/kernel-wat.js';

export async function assembleSpcKernel(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('spc-kernel.wat', spcKernelWat(), { simd: true });
  try {
    module.validate();
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}
