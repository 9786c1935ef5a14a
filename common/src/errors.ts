// Stable error codes with a Chinese message a citizen or clerk can act on. The code is the
// contract (clients branch on it); the message is what a person reads. Only these codes
// ever reach a client: anything unexpected becomes INTERNAL.

export const errorMessages = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  NOT_FOUND: '未找到所请求的内容',
  CONFLICT: '与已有数据冲突，请检查后重试',
  CATEGORY_NOT_FOUND: '该业务不存在或已停用',
  CATEGORY_CLOSED: '该业务当前不在办理时间',
  HALL_CLOSED: '今日大厅不对外办理业务',
  QUOTA_EXHAUSTED: '今日号源已取完',
  ALREADY_WAITING: '您已取过该业务的号，可重新打印原号',
  IDENTITY_REQUIRED: '办理该业务需要读取身份证或输入身份证号码',
  IDEMPOTENCY_CONFLICT: '重复提交的取号请求内容不一致，请重新取号',
  TICKET_NOT_FOUND: '未找到该号，请核对号码',
  INVALID_TRANSITION: '该号当前的状态不能执行此操作',
  RECALL_LIMIT: '重呼次数已达上限，请选择过号或开始办理',
  NO_TICKET_WAITING: '当前没有等候的号',
  TICKET_OPEN: '当前号尚未办结，请先选择办结或过号',
  WINDOW_NOT_FOUND: '该窗口不存在或已停用',
  WINDOW_NOT_YOURS: '这不是您签入的窗口，不能操作',
  WINDOW_OCCUPIED: '该窗口已有其他工作人员签入',
  WINDOW_NOT_OPEN: '窗口未签入或处于暂停服务状态',
  WINDOW_ALREADY_SIGNED_IN: '您已在其他窗口签入，请先签出',
  WINDOW_NOT_ASSIGNED: '您的账号只能在指定窗口签入，如需调整请联系管理员',
  CATEGORY_NOT_SERVED: '本窗口不办理该业务',
  UNAUTHENTICATED: '请先登录',
  LOGIN_FAILED: '用户名或密码错误',
  FORBIDDEN: '没有权限执行此操作',
  DEVICE_NOT_PAIRED: '设备未配对或配对已失效，请联系管理员重新配对',
  PAIRING_CODE_INVALID: '配对码无效或已过期',
  PROTOCOL_MISMATCH: '程序版本与服务器不一致，请刷新页面或升级设备程序',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  INTERNAL: '服务器内部错误，请稍后重试或联系工作人员',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

/** What a client receives when a command or request fails. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  field?: string;
  /** Machine-readable facts that let a client say more (e.g. when a category opens). */
  details?: Record<string, unknown>;
}

/** HTTP status for each code; commands over Socket.IO carry only the body. */
export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CATEGORY_NOT_FOUND: 404,
  CATEGORY_CLOSED: 409,
  HALL_CLOSED: 409,
  QUOTA_EXHAUSTED: 409,
  ALREADY_WAITING: 409,
  IDENTITY_REQUIRED: 400,
  IDEMPOTENCY_CONFLICT: 409,
  TICKET_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  RECALL_LIMIT: 409,
  NO_TICKET_WAITING: 409,
  TICKET_OPEN: 409,
  WINDOW_NOT_FOUND: 404,
  WINDOW_NOT_YOURS: 403,
  WINDOW_OCCUPIED: 409,
  WINDOW_NOT_OPEN: 409,
  WINDOW_ALREADY_SIGNED_IN: 409,
  WINDOW_NOT_ASSIGNED: 403,
  CATEGORY_NOT_SERVED: 409,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  DEVICE_NOT_PAIRED: 401,
  PAIRING_CODE_INVALID: 400,
  PROTOCOL_MISMATCH: 400,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

/** The one application error type. Thrown by use cases, turned into an ErrorBody at the edge. */
export class HallError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: { message?: string; field?: string; details?: Record<string, unknown> } = {}) {
    super(options.message ?? errorMessages[code]);
    this.name = 'HallError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
