import type { ErrorCode } from '@harbor/shared';

type Subject<C> = C extends `${infer S}.${string}` ? S : never;

/**
 * A text for every ErrorCode, by its subject and then what happened (`vehicle.in-maintenance`
 * is `vehicle: { 'in-maintenance': ... }`): the compiler refuses a missing or unknown code.
 */
type ErrorTexts = {
  [S in Subject<ErrorCode>]: {
    [C in ErrorCode as C extends `${S}.${infer N}` ? N : never]: string;
  };
};

/**
 * The api's errors by their stable code (`error.data.reason`), in both languages, with the
 * values the api sends (`error.data.params`) and `{{message}}`, the api's English message.
 * A status or event type is shown in the screen's own words through `$t(...)`.
 */
export const errors: { en: ErrorTexts; 'zh-CN': ErrorTexts } = {
  en: {
    auth: {
      'login-required': 'Please log in first.',
      'invalid-credentials': 'Wrong email or password.',
      'login-throttled': 'Too many failed logins. Try again in {{retryAfterSeconds}} seconds.',
      'session-ended': 'Your session has ended. Please log in again.',
      'role-required': 'This needs the role {{roles}}; you are {{role}}.',
      'api-key-required': 'A valid API key is required.',
      'own-organization-only': 'You may only act within your own organization.',
      'port-staff-only': 'Only port authority staff may change port data.',
      'port-or-terminal-staff-only':
        'Only port authority and terminal operator staff may see this.',
      'wrong-password': 'The current password is wrong.',
    },
    input: { invalid: 'Please check the input: {{message}}' },
    request: {
      'batch-too-large': 'Too many calls in one request.',
      'not-batchable': '{{procedure}} must be sent on its own.',
      'too-many-waiting': 'Too many requests are waiting. Try again shortly.',
      'body-too-large': 'The request is too large.',
      'cross-origin': 'Requests from {{origin}} are refused.',
      refused: 'The request was refused.',
    },
    server: { failed: 'The server ran into a problem. Try again later.' },
    metrics: { 'token-required': 'Metrics need their access token.' },
    ingest: {
      'body-expected': 'Expected a JSON body with fixes.',
      'body-unreadable': 'The request body could not be read.',
      'too-many-fixes': 'At most {{max}} fixes per request.',
      'device-id-required': 'NMEA ingest needs a device id.',
      'not-stored': 'The fixes could not be stored in time; send them again.',
    },
    history: {
      'keep-shorter-than-hot':
        'Tracks are kept at least {{hotDays}} days (the days kept as raw fixes); {{keepDays}} is too short.',
      'vessels-are-port-data':
        "Ships' tracks belong to the port: set how long they are kept on the port authority.",
    },
    organization: {
      'not-found': 'No such organization.',
      'code-taken': 'An organization with code {{code}} already exists.',
    },
    user: {
      'not-found': 'No such user.',
      'own-access': 'You cannot disable or demote your own account.',
    },
    invitation: {
      'not-valid': 'This invitation has expired, been used or been withdrawn. Ask for a new one.',
      'not-found': 'No such invitation.',
      'already-member': '{{email}} is already a user of this organization.',
      'already-accepted': 'The invitation was already accepted; disable the account instead.',
      'email-taken':
        'An account with this email address already exists. Log in with it, or ask for an invitation to another address.',
    },
    'password-reset': {
      'not-valid':
        'This password reset link has expired, been used or been replaced. Ask your administrator for a new one.',
    },
    'api-key': { 'not-found': 'No such API key.' },
    vehicle: {
      'not-found': 'No such vehicle.',
      'not-in-organization': 'No such vehicle in this company.',
      'plate-or-vin-taken': 'This company already has a vehicle with this plate or VIN.',
      'in-maintenance': '{{plate}} is in maintenance.',
      'on-another-job': '{{plate}} is on job {{reference}} ($t(dispatch:status.{{status}})).',
      'no-terminal': '{{plate}} has no JT/T 808 terminal.',
      'other-company': 'Only the truck’s own company may send to its terminal.',
      'has-terminal': '{{plate}} has a terminal already.',
      'terminal-offline': '{{plate}}’s terminal is not connected; try again when it is online.',
      'reset-admin-only': 'Only administrators may restart a terminal.',
    },
    device: {
      'not-found': 'No such device.',
      'phone-unavailable': 'This terminal phone number is not available.',
    },
    media: {
      'not-found': 'No such photo or recording.',
    },
    driver: {
      'not-found': 'No such driver.',
      'not-in-organization': 'No such driver in this company.',
    },
    shift: {
      'not-found': 'No such shift.',
      'driver-busy': 'Driver {{driver}} already has a shift from {{startsAt}} to {{endsAt}}.',
      'vehicle-busy': 'Vehicle {{plate}} already has a shift from {{startsAt}} to {{endsAt}}.',
      'ends-before-start': 'A shift must end after it starts.',
    },
    job: {
      'not-found': 'No such dispatch job.',
      'other-truck': 'This job is not {{plate}}’s.',
      'other-company': 'Only the job’s own company may change it.',
      'fleet-only': 'Dispatch jobs are created by the fleet’s own company.',
      'reference-taken': 'A job with reference {{reference}} already exists.',
      'references-taken': 'A job with one of these references was created meanwhile.',
      'assign-needs-vehicle': 'A job is assigned by choosing its truck.',
      'not-assignable':
        'A job that is $t(dispatch:status.{{status}}) cannot be (re)assigned; only planned or assigned ones.',
      'not-suggestable':
        'Trucks are suggested for planned or assigned jobs; this one is $t(dispatch:status.{{status}}).',
      'changed-meanwhile':
        'The job changed meanwhile: it is now $t(dispatch:status.{{status}}). Look again and retry.',
      'transition-not-allowed':
        'A job cannot go from $t(dispatch:status.{{from}}) to $t(dispatch:status.{{to}}).',
      'import-refused': 'The file has {{problems}} problem(s); nothing was imported.',
    },
    'proof-link': {
      'not-found': 'This upload link is unknown or has expired. Ask your dispatcher for a new one.',
      'job-closed': 'The job is $t(dispatch:status.{{status}}): no more photos are taken for it.',
    },
    'proof-photo': {
      'not-jpeg': 'That is not a JPEG photo. Take the photo with the camera and try again.',
      'too-many': 'This delivery has {{max}} photos already: no more can be added.',
    },
    zone: {
      'not-found': 'No zone {{zone}} in the port.',
      'code-taken': 'The port already has a zone {{code}}.',
      'no-port': 'Harbor has no port to put the zone in.',
      'is-berth': 'Zone {{code}} is a berth: it goes with its berth and cannot be deleted here.',
      'is-yard-block':
        'Zone {{code}} is a yard block: it goes with its block and cannot be deleted here.',
      'kind-fixed': 'Zone {{code}} is a berth or yard block and keeps its kind.',
      'in-use':
        'Zone {{code}} is still referred to ({{jobs}} dispatch jobs, {{events}} recorded events); it cannot be deleted.',
    },
    container: {
      'not-found': 'No container {{number}} in Harbor.',
      'event-refused': 'Cannot record $t(containers:event.{{eventType}}) for {{number}}: {{why}}',
      'event-out-of-place':
        'Cannot record $t(containers:event.{{eventType}}) for {{number}}: it is {{where}}.',
      'event-unknown-id':
        'Cannot record $t(containers:event.{{eventType}}) for {{number}}: {{field}} names nothing Harbor knows.',
      'terminal-not-operated':
        'You may record events only at the terminals your organization operates.',
      'size-type-needed': 'Harbor has never seen {{number}}: give its size-type (e.g. 22G1, 42G1).',
      'size-type-mismatch': '{{number}} is a {{isoSizeType}}, not a {{given}}.',
      'event-writers-only':
        'Only administrators and operators of the port authority or a terminal operator record container events.',
    },
    grant: {
      'port-admin-only': 'Only port authority administrators manage access to containers.',
      'port-authority-sees-all': 'The port authority sees every container already.',
      'not-found': 'The organization has no active {{scope}} grant.',
    },
    'yard-block': { 'not-found': 'No such yard block.' },
    yard: {
      'slot-not-allowed': '{{number}} cannot go there: {{why}}',
      'slot-taken': '{{slot}} is taken.',
      'slot-unsupported': 'Nothing stands under {{slot}}; a container cannot float.',
      'container-buried': '{{number}} is under {{above}}: move that one first.',
    },
    vessel: {
      'not-found': 'No such vessel.',
      'mmsi-or-imo-taken': 'A vessel with this MMSI or IMO number already exists.',
    },
    visit: {
      'not-found': 'No such vessel visit.',
      closed: 'The visit is $t(vessels:status.{{status}}) and no longer changes.',
      berthed: 'A berthed visit cannot be cancelled.',
      'at-berth': 'The vessel is $t(vessels:status.{{status}}): it is no longer moved on the plan.',
      'import-refused': 'The schedule was not imported: {{message}}',
    },
    terminal: {
      'not-found': 'No such terminal.',
      'not-operated': 'Your organization does not operate this terminal.',
    },
    gate: {
      'not-operator': 'Only the port authority or the terminal’s operator sets its gate capacity.',
    },
    appointment: {
      'not-found': 'No such appointment.',
      'other-company': 'Only the truck’s own company books it a slot.',
      'slot-over': 'That hour is over.',
      'no-capacity': 'The terminal takes no bookings for that kind of move.',
      'slot-full': 'That hour is fully booked ({{capacity}} trucks).',
      'truck-booked': '{{plate}} has that hour booked already.',
    },
    supervision: {
      'not-configured': 'Your company has no link to a supervision platform yet.',
      'password-required': 'Enter the password the supervision platform assigned.',
      'vehicle-other-company': 'Only your own company’s vehicles can be shared.',
      'request-not-found': 'No such message from the supervision platform.',
      'not-inspection': 'Only an inspection is answered.',
      'already-answered': 'This inspection has been answered already.',
    },
    alert: {
      'not-found': 'No such alert.',
      'already-acknowledged': 'The alert is already acknowledged.',
    },
    'alert-rule': {
      'not-found': 'No such alert rule.',
      'settings-invalid': 'The settings do not fit this kind of rule: {{message}}',
    },
  },
  'zh-CN': {
    auth: {
      'login-required': '请先登录。',
      'invalid-credentials': '邮箱或密码错误。',
      'login-throttled': '登录失败次数过多，请在 {{retryAfterSeconds}} 秒后重试。',
      'session-ended': '会话已结束，请重新登录。',
      'role-required': '此操作需要 {{roles}} 角色，您的角色是 {{role}}。',
      'api-key-required': '需要有效的 API 密钥。',
      'own-organization-only': '您只能在本单位范围内操作。',
      'port-staff-only': '只有港务局人员可以修改港口数据。',
      'port-or-terminal-staff-only': '只有港务局和码头运营方人员可以查看。',
      'wrong-password': '当前密码不正确。',
    },
    input: { invalid: '请检查输入：{{message}}' },
    request: {
      'batch-too-large': '一次请求中的调用过多。',
      'not-batchable': '{{procedure}} 须单独发送。',
      'too-many-waiting': '等待处理的请求过多，请稍后重试。',
      'body-too-large': '请求内容过大。',
      'cross-origin': '拒绝来自 {{origin}} 的请求。',
      refused: '请求被拒绝。',
    },
    server: { failed: '服务器出现问题，请稍后重试。' },
    metrics: { 'token-required': '查看监控指标需要访问令牌。' },
    ingest: {
      'body-expected': '请求体应为包含定位数据的 JSON。',
      'body-unreadable': '无法读取请求体。',
      'too-many-fixes': '每次请求最多 {{max}} 条定位。',
      'device-id-required': 'NMEA 上传需要设备编号。',
      'not-stored': '定位数据未能及时保存，请重新发送。',
    },
    history: {
      'keep-shorter-than-hot':
        '轨迹至少保留 {{hotDays}} 天（原始定位保留的天数），{{keepDays}} 天太短。',
      'vessels-are-port-data': '船舶轨迹属于港口，请在港务局单位上设置其保留天数。',
    },
    organization: {
      'not-found': '单位不存在。',
      'code-taken': '代码为 {{code}} 的单位已存在。',
    },
    user: {
      'not-found': '用户不存在。',
      'own-access': '不能停用或降级自己的账号。',
    },
    invitation: {
      'not-valid': '此邀请已过期、已使用或已撤回，请重新申请。',
      'not-found': '邀请不存在。',
      'already-member': '{{email}} 已是本单位的用户。',
      'already-accepted': '邀请已被接受；如需撤销，请停用该账号。',
      'email-taken': '该邮箱已有账号。请直接登录，或用其他邮箱申请邀请。',
    },
    'password-reset': {
      'not-valid': '此重置密码链接已过期、已使用或已被替换，请向管理员申请新的链接。',
    },
    'api-key': { 'not-found': 'API 密钥不存在。' },
    vehicle: {
      'not-found': '车辆不存在。',
      'not-in-organization': '本单位没有这辆车。',
      'plate-or-vin-taken': '本单位已有相同车牌或车架号的车辆。',
      'in-maintenance': '{{plate}} 正在维修。',
      'on-another-job': '{{plate}} 正在执行任务 {{reference}}（$t(dispatch:status.{{status}})）。',
      'no-terminal': '{{plate}} 没有 JT/T 808 终端。',
      'other-company': '只有车辆所属单位可以向其终端发送。',
      'has-terminal': '{{plate}} 已装有终端。',
      'terminal-offline': '{{plate}} 的终端未连接，请在其上线后再试。',
      'reset-admin-only': '只有管理员可以重启终端。',
    },
    device: {
      'not-found': '终端不存在。',
      'phone-unavailable': '该终端手机号不可用。',
    },
    media: {
      'not-found': '照片或录音不存在。',
    },
    driver: {
      'not-found': '司机不存在。',
      'not-in-organization': '本单位没有这名司机。',
    },
    shift: {
      'not-found': '班次不存在。',
      'driver-busy': '司机 {{driver}} 在 {{startsAt}} 至 {{endsAt}} 已有班次。',
      'vehicle-busy': '车辆 {{plate}} 在 {{startsAt}} 至 {{endsAt}} 已有班次。',
      'ends-before-start': '班次的结束时间须晚于开始时间。',
    },
    job: {
      'not-found': '调度任务不存在。',
      'other-truck': '该任务不属于 {{plate}}。',
      'other-company': '只有任务所属单位可以修改它。',
      'fleet-only': '调度任务由车队所属单位创建。',
      'reference-taken': '任务编号 {{reference}} 已存在。',
      'references-taken': '其中有任务编号刚刚已被他人创建。',
      'assign-needs-vehicle': '派车时请选择车辆。',
      'not-assignable':
        '“$t(dispatch:status.{{status}})”的任务不能（重新）派车，只有待派车或已派车的任务可以。',
      'not-suggestable':
        '只为待派车或已派车的任务推荐车辆，此任务为“$t(dispatch:status.{{status}})”。',
      'changed-meanwhile': '任务刚刚已被更改，现为“$t(dispatch:status.{{status}})”。请刷新后重试。',
      'transition-not-allowed':
        '任务不能从“$t(dispatch:status.{{from}})”变为“$t(dispatch:status.{{to}})”。',
      'import-refused': '文件中有 {{problems}} 处问题，未导入任何任务。',
    },
    'proof-link': {
      'not-found': '上传链接无效或已过期，请向调度员索取新链接。',
      'job-closed': '任务已“$t(dispatch:status.{{status}})”，不再接收照片。',
    },
    'proof-photo': {
      'not-jpeg': '这不是相机拍摄的照片，请用相机拍照后重试。',
      'too-many': '该运单已有 {{max}} 张照片，不能再上传。',
    },
    zone: {
      'not-found': '港区内没有区域 {{zone}}。',
      'code-taken': '港区内已有区域 {{code}}。',
      'no-port': '系统中没有可放置该区域的港口。',
      'is-berth': '区域 {{code}} 属于泊位，随泊位一起维护，不能在此删除。',
      'is-yard-block': '区域 {{code}} 属于堆场箱区，随箱区一起维护，不能在此删除。',
      'kind-fixed': '区域 {{code}} 属于泊位或箱区，类型不可更改。',
      'in-use': '区域 {{code}} 仍被引用（{{jobs}} 个派车任务、{{events}} 条事件记录），不能删除。',
    },
    container: {
      'not-found': '系统中没有集装箱 {{number}}。',
      'event-refused': '无法为 {{number}} 记录“$t(containers:event.{{eventType}})”：{{why}}',
      'event-out-of-place':
        '无法为 {{number}} 记录“$t(containers:event.{{eventType}})”，该箱当前：{{where}}。',
      'event-unknown-id':
        '无法为 {{number}} 记录“$t(containers:event.{{eventType}})”：{{field}} 指向的对象不存在。',
      'terminal-not-operated': '只能在本单位经营的码头记录事件。',
      'size-type-needed': '系统中尚无 {{number}}，请填写箱型代码（如 22G1、42G1）。',
      'size-type-mismatch': '{{number}} 的箱型是 {{isoSizeType}}，不是 {{given}}。',
      'event-writers-only': '只有港务局或码头经营单位的管理员和操作员可以记录集装箱事件。',
    },
    grant: {
      'port-admin-only': '只有港务局管理员可以管理集装箱访问授权。',
      'port-authority-sees-all': '港务局已能查看所有集装箱，无需授权。',
      'not-found': '该单位没有有效的 {{scope}} 授权。',
    },
    'yard-block': { 'not-found': '箱区不存在。' },
    yard: {
      'slot-not-allowed': '{{number}} 不能放在该位置：{{why}}',
      'slot-taken': '{{slot}} 已被占用。',
      'slot-unsupported': '{{slot}} 下方没有集装箱，不能悬空堆放。',
      'container-buried': '{{number}} 上方压着 {{above}}，请先移走上面的箱。',
    },
    vessel: {
      'not-found': '船舶不存在。',
      'mmsi-or-imo-taken': '已有相同 MMSI 或 IMO 编号的船舶。',
    },
    visit: {
      'not-found': '船舶到港记录不存在。',
      closed: '该到港记录为“$t(vessels:status.{{status}})”，不能再更改。',
      berthed: '已靠泊的船舶不能取消。',
      'at-berth': '船舶状态为“$t(vessels:status.{{status}})”，不能再在计划中移动。',
      'import-refused': '船期未导入：{{message}}',
    },
    terminal: { 'not-found': '码头不存在。', 'not-operated': '贵单位不运营该码头。' },
    gate: {
      'not-operator': '只有港务局或码头运营方可以设置闸口能力。',
    },
    appointment: {
      'not-found': '预约不存在。',
      'other-company': '只有车辆所属单位可以为其预约时段。',
      'slot-over': '该时段已过。',
      'no-capacity': '该码头不接受此类作业的预约。',
      'slot-full': '该时段已约满（{{capacity}} 辆）。',
      'truck-booked': '{{plate}} 已预约该时段。',
    },
    supervision: {
      'not-configured': '本单位尚未配置监管平台链路。',
      'password-required': '请输入监管平台分配的密码。',
      'vehicle-other-company': '只能上报本单位的车辆。',
      'request-not-found': '监管平台消息不存在。',
      'not-inspection': '只有查岗需要应答。',
      'already-answered': '该查岗已应答。',
    },
    alert: {
      'not-found': '告警不存在。',
      'already-acknowledged': '该告警已被确认。',
    },
    'alert-rule': {
      'not-found': '告警规则不存在。',
      'settings-invalid': '设置不符合该类规则：{{message}}',
    },
  },
};
