// The package's door for other programs: the app version client, to report "app X version V runs here" to Steward
// (or Partisci). Only the client: importing the package loads no database driver or HTTP framework.
export { defaultUdpPort, sendHttp, sendUdp, startReporter, UpdateSendError } from './inventory/apps/client.js';
export type { HmacKey, HttpSendOptions, Reporter, ReporterOptions, UdpSendOptions, VersionUpdate } from './inventory/apps/client.js';
