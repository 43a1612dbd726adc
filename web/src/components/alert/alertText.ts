// Small rules shared by the alert table, its drawer and the sensor help.
import type { Alert } from '../../api/types'
import { hostPort } from '../scan/scanText'

export type AlertLevel = 'high' | 'medium' | 'low' | 'info'

// Suricata's severity (1 most severe) as a word; anything past 4 is 提示.
export function alertLevel(severity: number): AlertLevel {
  if (severity <= 1) return 'high'
  if (severity === 2) return 'medium'
  if (severity === 3) return 'low'
  return 'info'
}

// "TCP / http", "UDP", or '' when the sensor did not say.
export function protoText(a: Pick<Alert, 'proto' | 'app_proto'>): string {
  return [a.proto, a.app_proto].filter((x) => x && x !== 'failed' && x !== 'unknown').join(' / ')
}

export function sourceText(a: Pick<Alert, 'src_ip' | 'src_port'>): string {
  return a.src_ip ? hostPort(a.src_ip, a.src_port) : ''
}

export function destinationText(a: Pick<Alert, 'dest_ip' | 'dest_port'>): string {
  return a.dest_ip ? hostPort(a.dest_ip, a.dest_port) : ''
}

// The sensor's name: the API gives its token's principal name
// ("token:厂区出口"); people know it by the token's name.
export function sensorName(sensor: string): string {
  return sensor.startsWith('token:') ? sensor.slice('token:'.length) : sensor
}

// "1:2034647:3"
export function ruleText(a: Pick<Alert, 'gid' | 'signature_id' | 'rev'>): string {
  return `${a.gid}:${a.signature_id}:${a.rev}`
}

// The command that starts a sensor reporting to this console's server.
export function sensorCommand(origin: string, tokenPlaceholder: string, certPlaceholder: string): string {
  return [
    'shouwang sensor --iface eth1 \\',
    '  --rules /etc/shouwang/rules/*.rules \\',
    `  --upload ${origin} \\`,
    `  --token ${tokenPlaceholder} \\`,
    `  --ca-file ${certPlaceholder}`,
  ].join('\n')
}
