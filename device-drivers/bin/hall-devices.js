#!/usr/bin/env node
// The `hall-devices` command. The package ships TypeScript sources; tsx compiles them on load,
// so there is no build step between editing a driver and running it.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
