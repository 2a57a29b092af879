import { CliInputError, type Verb } from '../io';
import { EXPORT_MAP_HELP, runExportMap } from './export-map';
import { EXPORT_TARGETS_HELP, runExportTargets } from './export-targets';

/** `spi export map|targets`: briefing maps for command staff and target lists for patrol. */
export const exportVerb: Verb = {
  name: 'export',
  summary: 'briefing maps (PDF/PNG) and patrol target lists (PDF, CSV, XLSX, GeoJSON, KML, GPX)',
  help: `${EXPORT_MAP_HELP}\n\n${EXPORT_TARGETS_HELP}`,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'map':
        return runExportMap(rest, io);
      case 'targets':
        return runExportTargets(rest, io);
      default:
        throw new CliInputError(`unknown sub-command "${sub ?? ''}" (map, targets; see spi export --help)`);
    }
  },
};
