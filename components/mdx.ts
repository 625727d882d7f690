// The components every MDX page may use without importing them: <Content components={components} />.
import Figure from './ui/Figure.astro';
import Measured from './ui/Measured.astro';
import Respond from './ui/Respond.astro';
import Sidenote from './ui/Sidenote.astro';
import Value from './ui/Value.astro';
import When from './ui/When.astro';
import EnvironmentReport from './ui/Environment.astro';
import Widget from './widgets/Widget.astro';

export const components = {
  Sidenote,
  Figure,
  Widget,
  EnvironmentReport,
  Measured,
  Respond,
  When,
  Value,
};
