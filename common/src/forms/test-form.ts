// A small but complete definition the tests of this folder start from and break on purpose.
import type { FormDefinitionInput } from './definition.ts';

export function testForm(): FormDefinitionInput {
  return {
    id: 'test-form',
    version: 3,
    title: '测试申请表',
    source: '测试用',
    updated: '2026-11-23',
    serviceItemIds: ['sole-trader-registration'],
    schema: {
      type: 'object',
      required: ['applicant', 'kind', 'signature'],
      properties: {
        applicant: {
          type: 'object',
          required: ['name', 'idNumber'],
          properties: {
            name: { type: 'string', maxLength: 30 },
            idNumber: { type: 'string', pattern: '^\\d{17}[\\dX]$' },
            gender: { type: 'string', enum: ['male', 'female'] },
            birthDate: { type: 'string', format: 'date' },
            region: { type: 'string', pattern: '^\\d{6}$' },
          },
        },
        kind: { type: 'string', enum: ['individual', 'family'] },
        familyMembers: {
          type: 'array',
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, relation: { type: 'string' } } },
        },
        items: { type: 'array', items: { type: 'string', enum: ['hot', 'cold', 'drinks'] } },
        area: { type: 'number', minimum: 0 },
        hasAc: { type: 'boolean' },
        signature: { type: 'string' },
        signDate: { type: 'string', format: 'date' },
      },
      allOf: [{ if: { properties: { kind: { const: 'family' } } }, then: { required: ['familyMembers'] } }],
    },
    layout: {
      pages: [
        {
          id: 'who',
          title: '申请人',
          groups: [
            {
              id: 'applicant',
              title: '申请人信息',
              fields: [
                { path: 'applicant.name', widget: 'text', label: '姓名', help: '与身份证一致', sample: '王建国' },
                { path: 'applicant.idNumber', widget: 'idNumber', label: '身份证号码', help: '18位', sample: '11010519491231002X' },
                { path: 'applicant.gender', widget: 'radio', label: '性别', help: '读卡自动填写', sample: 'male', options: [{ value: 'male', label: '男' }, { value: 'female', label: '女' }] },
                { path: 'applicant.birthDate', widget: 'date', label: '出生日期', help: '读卡自动填写', sample: '1949-12-31' },
                { path: 'applicant.region', widget: 'region', label: '所在区县', help: '逐级选择', sample: '610102' },
              ],
            },
          ],
        },
        {
          id: 'what',
          title: '经营',
          groups: [
            {
              id: 'business',
              title: '经营信息',
              fields: [
                { path: 'kind', widget: 'radio', label: '组成形式', help: '个人或家庭', sample: 'family', options: [{ value: 'individual', label: '个人经营' }, { value: 'family', label: '家庭经营' }] },
                {
                  path: 'familyMembers',
                  widget: 'table',
                  label: '家庭成员',
                  help: '参加经营的家庭成员',
                  sample: [{ name: '李秀英', relation: '配偶' }],
                  showIf: { field: 'kind', equals: 'family' },
                  columns: [
                    { path: 'name', widget: 'text', label: '姓名', help: '成员姓名', sample: '李秀英' },
                    { path: 'relation', widget: 'text', label: '关系', help: '与经营者关系', sample: '配偶' },
                  ],
                },
                { path: 'items', widget: 'multiselect', label: '经营项目', help: '可多选', sample: ['hot', 'drinks'], options: [{ value: 'hot', label: '热食类' }, { value: 'cold', label: '冷食类' }, { value: 'drinks', label: '自制饮品' }] },
                { path: 'area', widget: 'number', label: '面积', help: '使用面积', sample: 48.5, unit: '平方米' },
                { path: 'hasAc', widget: 'checkbox', label: '有集中空调', help: '有则勾选', sample: false, showIf: { field: 'items', includes: 'cold' } },
              ],
            },
            {
              id: 'sign',
              title: '签名',
              fields: [
                { path: 'signature', widget: 'signature', label: '申请人签名', help: '在框内手写', sample: 'data:image/png;base64,iVBORw0KGgo=' },
                { path: 'signDate', widget: 'date', label: '签署日期', help: '当天', sample: '2026-11-23' },
              ],
            },
          ],
        },
      ],
    },
    print: {
      paper: 'A4',
      title: '测试申请表',
      sections: [
        { kind: 'fields', title: '一、申请人', fields: ['applicant.name', 'applicant.idNumber', 'applicant.gender', 'applicant.birthDate', { path: 'applicant.region', wide: true }] },
        { kind: 'fields', title: '二、经营', fields: ['kind', 'items', 'area', 'hasAc'] },
        { kind: 'table', field: 'familyMembers' },
        { kind: 'text', text: '本人承诺所填内容真实。' },
        { kind: 'signature', label: '申请人签名：', field: 'signature', nameField: 'applicant.name', dateField: 'signDate' },
      ],
    },
    prefill: [
      { from: 'idCard.name', field: 'applicant.name' },
      { from: 'idCard.idNumber', field: 'applicant.idNumber' },
      { from: 'idCard.gender', field: 'applicant.gender' },
      { from: 'idCard.birthDate', field: 'applicant.birthDate' },
    ],
  };
}
