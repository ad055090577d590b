/** What changes from one test broker to the next; everything else is fixed for a single-node test cluster. */
export interface BrokerLayout {
  port: number;
  controllerPort: number;
  dataDir: string;
}

/**
 * server.properties for a combined broker+controller KRaft node that listens only on 127.0.0.1.
 *
 * @example
 * writeFileSync(file, serverProperties({ port: 39092, controllerPort: 39093, dataDir: '/tmp/k/data' }));
 */
export function serverProperties({ port, controllerPort, dataDir }: BrokerLayout): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 3,
    'auto.create.topics.enable': true,
    // One node cannot hold more than one replica of the internal topics.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    // The default 50 partitions each make the first consumer group wait for 50 coordinator loads.
    'offsets.topic.num.partitions': 5,
    'transaction.state.log.num.partitions': 5,
    // Without this, every first join of a group waits 3 s for more members that never come.
    'group.initial.rebalance.delay.ms': 0,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')}\n`;
}
