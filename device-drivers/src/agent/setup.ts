// Setup mode's side of the agent: the device list as the configuration file names it, a changed
// list checked and saved, the ports this machine has, and a restart of the devices from the
// saved file. One change at a time: a save or restart while another runs is refused as BUSY.
import type { Logger } from 'pino';
import { agentErrorMessages, type ConfiguredDevice, type DeviceConfigView, type DeviceStatus, type PortList } from '@hall/common/agent';
import { loadAgentConfig, parseAgentConfig, type AgentConfig, type DeviceConfig } from './config.ts';
import { configuredDevices, readRawAgentConfig, saveAgentConfigFile, withDevices, type RawAgentConfig } from './config-file.ts';
import { deviceKindChoices, editedDevicesSchema } from './device-uris.ts';
import type { DeviceHub } from './devices.ts';
import { listPortCandidates } from './ports.ts';
import { AgentFailure } from './server.ts';

export interface AgentSetupOptions {
  /** The file the agent started from; null when it runs without one (`--sim` alone). */
  configPath: string | null;
  /** `--sim`: every device is its simulator whatever the file says. */
  sim: boolean;
  hub: DeviceHub;
  /** The devices the agent opens for a configuration (null: the ones it started with). */
  devicesOf: (config: AgentConfig | null) => DeviceConfig[];
  logger: Logger;
  listPorts?: () => Promise<PortList>;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class AgentSetup {
  #busy = false;

  constructor(private readonly options: AgentSetupOptions) {}

  /** Why the device list cannot be changed from setup mode, or null when it can. */
  get readOnly(): string | null {
    if (!this.options.configPath) return '设备服务未使用配置文件（演示模式 --sim），设备地址只能查看；请以 hall-devices agent --config agent.json 启动后再修改';
    if (this.options.sim) return '设备服务以模拟模式（--sim）运行，所有设备都是模拟设备，设备地址只能查看';
    return null;
  }

  async read(): Promise<DeviceConfigView> {
    const { configPath, hub } = this.options;
    const devices: ConfiguredDevice[] = configPath ? configuredDevices(await this.#raw(configPath)) : hub.list().map(({ id, kind, uri }) => ({ id, kind, uri }));
    return { path: configPath, readOnly: this.readOnly, devices, kinds: deviceKindChoices() };
  }

  /** Check `devices` and save them; they are opened at the next restart. */
  async save(devices: ConfiguredDevice[]): Promise<DeviceConfigView> {
    const { configPath, logger } = this.options;
    const readOnly = this.readOnly;
    if (readOnly || !configPath) throw new AgentFailure('CONFIG_READ_ONLY', readOnly ?? undefined);
    const checked = editedDevicesSchema.safeParse(devices);
    if (!checked.success) throw new AgentFailure('INVALID_CONFIG', checked.error.issues.map((i) => i.message).join('；'));
    await this.#exclusive(async () => {
      const next = withDevices(await this.#raw(configPath), devices);
      try {
        parseAgentConfig(next);
      } catch (error) {
        throw new AgentFailure('INVALID_CONFIG', `${agentErrorMessages.INVALID_CONFIG}：${reasonOf(error)}`);
      }
      try {
        await saveAgentConfigFile(configPath, next);
      } catch (error) {
        throw new AgentFailure('CONFIG_NOT_SAVED', `${agentErrorMessages.CONFIG_NOT_SAVED}（${configPath}）：${reasonOf(error)}`);
      }
      logger.info({ path: configPath, devices: devices.map(({ id, kind, uri }) => ({ id, kind, uri })) }, 'device configuration saved');
    });
    return this.read();
  }

  /** Close every device and open them again from the file as it is now. */
  async restart(): Promise<DeviceStatus[]> {
    const { configPath, hub, logger, devicesOf } = this.options;
    return this.#exclusive(async () => {
      let config: AgentConfig | null = null;
      if (configPath) {
        try {
          config = await loadAgentConfig(configPath);
        } catch (error) {
          // The running devices stay as they are: a broken file must not leave the kiosk without any.
          throw new AgentFailure('INVALID_CONFIG', `配置文件有误，设备未重启：${reasonOf(error)}`);
        }
      }
      const devices = devicesOf(config);
      logger.info({ devices: devices.map(({ id, kind, uri }) => ({ id, kind, uri })) }, 'restarting devices');
      try {
        await hub.restart(devices);
      } catch (error) {
        throw new AgentFailure('INTERNAL', `设备未能全部打开：${reasonOf(error)}`);
      }
      return hub.list();
    });
  }

  ports(): Promise<PortList> {
    return (this.options.listPorts ?? listPortCandidates)();
  }

  async #raw(path: string): Promise<RawAgentConfig> {
    try {
      return await readRawAgentConfig(path);
    } catch (error) {
      throw new AgentFailure('INVALID_CONFIG', `配置文件无法读取：${reasonOf(error)}`);
    }
  }

  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy) throw new AgentFailure('BUSY');
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#busy = false;
    }
  }
}
