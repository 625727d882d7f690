import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  kind: {
    kind: 'enum',
    label: 'Show',
    help: 'Filter the timeline by kind of event.',
    default: 'all',
    options: [
      { value: 'all', label: 'everything' },
      { value: 'hardware', label: 'hardware' },
      { value: 'software', label: 'software' },
      { value: 'idea', label: 'ideas' },
      { value: 'measurement', label: 'measurements' },
    ],
  },
});
