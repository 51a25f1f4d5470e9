import { Type } from 'typebox';

const security = [{ bearer: [] }];
const tags = ['notifications'];

export const inboxSchema = {
  tags, security,
  summary: 'Hộp thư thông báo của đơn vị / a unit\'s in-app inbox',
  querystring: Type.Object({
    unit: Type.String({ minLength: 1 }),
    unread: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  }),
};

export const markReadSchema = {
  tags, security,
  summary: 'Đánh dấu đã đọc / mark read',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
};

export const subscribeSchema = {
  tags, security,
  summary: 'Đăng ký webhook (trả về khóa ký một lần) / register a webhook; the signing secret is shown once',
  body: Type.Object(
    {
      url: Type.String({ minLength: 8, maxLength: 2000 }),
      unit: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
      events: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { description: 'report.reminder, report.escalation, report.*; empty = all' })),
    },
    { additionalProperties: false },
  ),
};

export const deliveriesSchema = {
  tags, security,
  summary: 'Nhật ký gửi thông báo (e-mail, webhook) / delivery log',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
};
