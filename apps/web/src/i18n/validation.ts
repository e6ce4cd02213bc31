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
      'csv-quote': 'A quote inside an unquoted field: quote the whole field.',
      'csv-unclosed-quote': 'A quoted field is not closed.',
      'csv-header': 'The header row must be: {{expected}}',
      'csv-no-rows': 'The file has a header but no rows.',
      'csv-too-many-rows': 'At most {{max}} rows per file.',
      'csv-column-count': 'Expected {{expected}} columns, found {{found}}.',
      'csv-repeats': 'Repeats line {{line}}.',
      'csv-unknown-column': 'Unknown column.',
      'csv-missing-column': 'Missing column.',
      'vessel-id': 'An MMSI (9 digits) or an IMO number (7 digits with a valid check digit).',
      'terminal-ambiguous': 'This terminal code is in more than one port.',
      'no-terminal': 'No such terminal.',
      'no-berth': 'No berth {{berth}} at {{terminal}}.',
      'no-vessel-imo': 'No vessel with this IMO number: give its MMSI and name.',
      'vessel-name-needed': 'A new vessel needs its name.',
      'not-a-date': 'Not a real date.',
      'voyage-taken': 'This vessel already has a visit with this voyage.',
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
      'csv-quote': '未加引号的字段中出现引号，请给整个字段加上引号。',
      'csv-unclosed-quote': '引号字段没有闭合。',
      'csv-header': '表头应为：{{expected}}',
      'csv-no-rows': '文件只有表头，没有数据行。',
      'csv-too-many-rows': '每个文件最多 {{max}} 行。',
      'csv-column-count': '应有 {{expected}} 列，实际 {{found}} 列。',
      'csv-repeats': '与第 {{line}} 行重复。',
      'csv-unknown-column': '无法识别的列。',
      'csv-missing-column': '缺少此列。',
      'vessel-id': '请填写 MMSI（9 位数字）或 IMO 编号（7 位数字，校验位正确）。',
      'terminal-ambiguous': '该码头代码在多个港口中存在。',
      'no-terminal': '码头不存在。',
      'no-berth': '{{terminal}} 没有泊位 {{berth}}。',
      'no-vessel-imo': '没有该 IMO 编号的船舶，请填写其 MMSI 和船名。',
      'vessel-name-needed': '新船舶须填写船名。',
      'not-a-date': '不是有效的日期。',
      'voyage-taken': '该船舶已有相同航次的到港记录。',
    },
  },
};
