// The image, system and info verbs, by the names docker.ts dispatches:
// top-level verbs and their `docker image ...` / `docker system ...` forms.
import type { Command } from '../command.ts';
import { historyVerb } from './history.ts';
import { imageInspectVerb } from './image-inspect.ts';
import { imagePruneVerb } from './image-prune.ts';
import { imagesVerb } from './images.ts';
import { infoVerb } from './info.ts';
import { portCommand } from './port.ts';
import { registryVerb } from './registry.ts';
import { rmiVerb } from './rmi.ts';
import { importVerb, loadVerb, saveVerb } from './save-load.ts';
import { systemDfCommand, systemPruneCommand } from './system.ts';
import { tagVerb } from './tag.ts';
import { versionCommand } from './version.ts';

export const imageVerbs: Record<string, Command> = {
  images: imagesVerb('images'),
  'image ls': imagesVerb('image ls'),
  rmi: rmiVerb('rmi'),
  'image rm': rmiVerb('image rm'),
  tag: tagVerb('tag'),
  'image tag': tagVerb('image tag'),
  history: historyVerb('history'),
  'image history': historyVerb('image history'),
  'image inspect': imageInspectVerb('image inspect'),
  'image prune': imagePruneVerb('image prune'),
  save: saveVerb('save'),
  'image save': saveVerb('image save'),
  load: loadVerb('load'),
  'image load': loadVerb('image load'),
  import: importVerb('import'),
  'image import': importVerb('image import'),
  version: versionCommand,
  info: infoVerb('info'),
  'system info': infoVerb('system info'),
  'system df': systemDfCommand,
  'system prune': systemPruneCommand,
  port: portCommand,
  pull: registryVerb('pull', 'pull'),
  'image pull': registryVerb('image pull', 'pull'),
  push: registryVerb('push', 'push'),
  'image push': registryVerb('image push', 'push'),
};
