import type { ValidationRule } from '@harbor/shared';

type Texts = {
  required: string;
  invalid: string;
  'invalid-type': string;
  'invalid-value': string;
  'unrecognized-keys': string;
  'too-small': { string: string; number: string; array: string; other: string };
  'too-big': { string: string; number: string; array: string; other: string };
  'invalid-format': {
    email: string;
    uuid: string;
    datetime: string;
    date: string;
    url: string;
    other: string;
  };
  rule: Record<ValidationRule, string>;
};

/**
 * What is wrong with a field (the api's `fieldIssues`, FieldIssue codes), in both languages:
 * the web never shows the api's English validation message. A contract's own rule is
 * `rule.<name>` (VALIDATION_RULES); the compiler refuses a missing one.
 */
export const validation: { en: Texts; 'zh-CN': Texts } = {
  en: {
    required: 'Required.',
    invalid: 'Not a valid value.',
    'invalid-type': 'Not a valid value.',
    'invalid-value': 'Choose one of the offered values.',
    'unrecognized-keys': 'The request has fields Harbor does not know.',
    'too-small': {
      string: 'At least {{minimum}} characters.',
      number: 'At least {{minimum}}.',
      array: 'At least {{minimum}} item(s).',
      other: 'Too small.',
    },
    'too-big': {
      string: 'At most {{maximum}} characters.',
      number: 'At most {{maximum}}.',
      array: 'At most {{maximum}} item(s).',
      other: 'Too large.',
    },
    'invalid-format': {
      email: 'Not a valid email address.',
      uuid: 'Not a valid id.',
      datetime: 'Not a valid date and time.',
      date: 'Not a valid date (YYYY-MM-DD).',
      url: 'Not a valid address (URL).',
      other: 'Not in the expected format.',
    },
    rule: {
      'to-after-from': 'The end must be after the start.',
      'period-too-long': 'The period is too long.',
      'etd-after-eta': 'The departure (ETD) must be after the arrival (ETA).',
      'shift-order': 'A shift ends after it starts.',
      'shift-too-long': 'A shift lasts at most 24 hours.',
      'window-order': 'The window must end after it starts.',
      'distinct-zones': 'The drop-off must differ from the pickup.',
      'container-number':
        'A container number is 4 letters (owner code and U, J or Z) and 7 digits.',
      'container-check-digit': 'The check digit should be {{expected}}.',
      'one-speed-unit': 'Give the speed in knots or in km/h, not both.',
      'block-or-terminal': 'Choose a yard block or a terminal.',
      'fix-time': 'The position’s time is in the future.',
    },
  },
  'zh-CN': {
    required: '必填。',
    invalid: '值无效。',
    'invalid-type': '值无效。',
    'invalid-value': '请选择给定的选项之一。',
    'unrecognized-keys': '请求中含有系统不认识的字段。',
    'too-small': {
      string: '至少 {{minimum}} 个字符。',
      number: '不能小于 {{minimum}}。',
      array: '至少 {{minimum}} 项。',
      other: '太小。',
    },
    'too-big': {
      string: '最多 {{maximum}} 个字符。',
      number: '不能大于 {{maximum}}。',
      array: '最多 {{maximum}} 项。',
      other: '太大。',
    },
    'invalid-format': {
      email: '邮箱地址格式不正确。',
      uuid: '编号格式不正确。',
      datetime: '日期时间格式不正确。',
      date: '日期格式不正确（YYYY-MM-DD）。',
      url: '网址格式不正确。',
      other: '格式不正确。',
    },
    rule: {
      'to-after-from': '结束时间须晚于开始时间。',
      'period-too-long': '时间范围过长。',
      'etd-after-eta': '预计离港时间（ETD）须晚于预计到港时间（ETA）。',
      'shift-order': '班次的结束时间须晚于开始时间。',
      'shift-too-long': '一个班次最长 24 小时。',
      'window-order': '时间窗的结束须晚于开始。',
      'distinct-zones': '卸货地点须与提货地点不同。',
      'container-number': '箱号由 4 个字母（箱主代码及 U、J 或 Z）和 7 位数字组成。',
      'container-check-digit': '校验位应为 {{expected}}。',
      'one-speed-unit': '速度请用节或公里/小时之一，不要同时填写。',
      'block-or-terminal': '请选择箱区或码头。',
      'fix-time': '定位时间在未来。',
    },
  },
};
