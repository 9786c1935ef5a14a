// The words every app says about its connection and pairing (Simplified Chinese).
export const netMessages = {
  connecting: '正在连接服务器…',
  offline: '与服务器的连接已断开，正在重新连接…',
  timeout: '服务器没有及时响应，请重试',
  refused: '服务器拒绝了连接',
} as const;

export const pairingMessages = {
  invalidCode: '配对码为6到8位数字',
  failed: '配对失败，请检查网络后重试',
} as const;
