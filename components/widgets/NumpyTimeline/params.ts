import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  track: {
    kind: 'enum',
    label: 'Show',
    help: 'Every item, or one strand of the story.',
    default: 'all',
    options: [
      { value: 'all', label: 'everything' },
      { value: 'linear-algebra', label: 'Fortran linear algebra' },
      { value: 'python', label: 'Python' },
      { value: 'array', label: 'array packages' },
      { value: 'ecosystem', label: 'scientific Python' },
      { value: 'deep-learning', label: 'deep-learning frameworks' },
    ],
  },
});
