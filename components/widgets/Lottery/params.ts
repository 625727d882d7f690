import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  size: {
    kind: 'enum',
    label: 'Problem size',
    help: 'Small tasks fit in a core’s cache; large ones spill to main memory, where scattered loads wait longest.',
    default: 'large',
    options: [
      { value: 'small', label: 'small, fits in cache' },
      { value: 'large', label: 'large, spills to memory' },
    ],
  },
  hardware: {
    kind: 'enum',
    label: 'Change the hardware',
    help: 'Reference data shipped with the essay, shown beside (never mixed with) what this device measured.',
    default: 'device',
    options: [
      { value: 'device', label: 'this device only' },
      { value: 'h200', label: 'CPU → H200 GPU, fp32' },
      { value: 'h200-tensor', label: 'CPU → H200 tensor cores, fp16' },
      { value: 'engine', label: 'same VM, other JavaScript engine' },
    ],
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'The same seed builds the same matrices and graph on every machine; the reference used seed 1.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
