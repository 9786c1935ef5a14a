// Every text the call board shows, in one place.

export const messages = {
  appTitle: '叫号屏',
  board: {
    latestCall: '请到窗口办理',
    pleaseGo: (number: string) => `请 ${number} 号`,
    toWindow: (window: number) => `到 ${window} 号窗口`,
    recall: '重呼',
    recentTitle: '最近叫号',
    recentNumber: '号码',
    recentWindow: '窗口',
    windowName: (n: number) => `${n}号窗口`,
    noCalls: '暂无叫号',
    waitingTitle: '等候人数',
    waitingCount: (n: number) => `${n} 人`,
    hours: (sessions: string) => `今日办理时间 ${sessions}`,
    closedToday: '今日休息',
    hotline: (phone: string) => `咨询电话 ${phone}`,
    privacy: '叫号只显示号码，不显示个人信息',
  },
  window: {
    title: (n: number) => `${n}号窗口`,
    calling: '请',
    callingSuffix: '号办理',
    serving: '正在办理',
    held: '暂时挂起',
    paused: '暂停服务',
    closed: '暂停服务',
    closedReason: '本窗口暂未开放',
    idle: '请稍候',
    unknown: (n: number) => `没有 ${n} 号窗口`,
  },
  voice: {
    /** Used when the board's own template is missing. */
    defaultTemplate: '请{number}号到{window}号窗口办理',
  },
  net: {
    connecting: '正在连接服务器…',
    offline: '与服务器的连接已断开，正在重新连接…',
    timeout: '服务器没有及时响应，请重试',
    refused: '服务器拒绝了连接',
  },
  pairing: {
    title: '设备配对',
    intro: '本叫号屏尚未与大厅服务器配对。请输入管理员提供的配对码。',
    codeLabel: '配对码（6到8位数字）',
    submit: '配对',
    pairing: '正在配对…',
    invalidCode: '配对码为6到8位数字',
    failed: '配对失败，请检查网络后重试',
    clear: '清除',
  },
} as const;
