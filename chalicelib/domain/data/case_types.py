"""Case type codes (案件类型代字) used in PRC court case numbers (案号).

Sources (as found and checked for this table; see notes per entry):

* 《最高人民法院关于人民法院案件案号的若干规定》 and its annex
  《人民法院案件类型及其代字标准》, issued with 法〔2015〕137号, in force
  2016-01-01 (10 大类 / 52 中类 / 131 小类 at issue).
* 《最高人民法院关于确定人身安全保护令案件及其类型代字的通知》 法〔2016〕37号,
  in force 2016-03-01: adds 民保令 and 民保更 under 民事案件.
* 《最高人民法院关于调整强制清算与破产案件类型划分的通知》 法〔2016〕237号,
  in force 2016-08-01: moves 强制清算 and 破产 out of 民事案件 into an 11th
  大类 “强制清算与破产案件” (清申 破申 清终 破终 清监 破监 强清 破) and
  retires 民破 / 民算. Case numbers filed before 2016-08-01 keep the old codes.
* 《关于修改〈关于人民法院案件案号的若干规定〉的决定》 法〔2018〕335号
  (2018-12-07). It did NOT add or rename any type code. It added a new
  element, the 专门审判代字 (one Chinese character, set by the SPC), placed
  between the court code and the type code:
  “（”+收案年度+“）”+法院代字+专门审判代字+类型代字+案件编号+“号”,
  e.g. （2019）最高法知民终1号 = court 最高法, specialised-trial code 知,
  type 民终. The only specialised-trial code seen in published case numbers
  is 知 (知识产权), e.g. （2019）粤73知民初1519号, （2020）浙01知民初277号,
  （2025）赣0602知民初47号. A parser should therefore accept an optional 知
  before the type code; 知 is not itself a type code and is not listed here.
  It also rewrote 第五条第二款第三项 (numeric codes 71-99 for railway,
  maritime, IP and other specialised or cross-region intermediate courts).

The full annex text was not available to us. The table was rebuilt from
public copies of the code list (two independent code lists in public
repositories, one pre-2016-08 and one later, agreeing on every shared code),
the notices above, and real case numbers seen in published judgments. Notes
beside an entry flag anything that only one source gave.

Where several 小类 share one code (e.g. 死刑复核 / 法定刑以下判处刑罚复核 /
特殊假释复核 all use 刑核), the name given is the shared 中类 name, or the
first 小类 name with the others noted in a comment.

Categories follow the standard's 大类. 国家赔偿与司法救助案件 is one 大类 in
the standard. It is split here into STATE_COMPENSATION (its 行政赔偿 and
司法赔偿 中类) and JUDICIAL_AID (its 司法救助 中类).
"""

from typing import Final

# (code, name in Chinese, category key)
CASE_TYPES: Final[tuple[tuple[str, str, str], ...]] = (
    # 一、管辖案件
    # No 刑辖终 / 刑辖监 / 行辖监 in any source; not included.
    ("刑辖", "刑事管辖案件", "JURISDICTION"),  # 刑事提级管辖 / 指定管辖
    ("民辖", "民事管辖案件", "JURISDICTION"),  # 提级/指定/移交审批/协商
    ("民辖终", "民事管辖上诉案件", "JURISDICTION"),
    ("民辖监", "民事管辖监督案件", "JURISDICTION"),
    ("行辖", "行政管辖案件", "JURISDICTION"),  # 行政提级管辖 / 指定管辖
    ("行辖终", "行政管辖上诉案件", "JURISDICTION"),
    ("赔辖", "行政赔偿管辖案件", "JURISDICTION"),  # 提级/指定/协商
    ("赔辖终", "行政赔偿管辖上诉案件", "JURISDICTION"),
    # 二、刑事案件
    ("刑初", "刑事一审案件", "CRIMINAL"),
    ("刑终", "刑事二审案件", "CRIMINAL"),
    ("刑监", "刑事依职权再审审查案件", "CRIMINAL"),
    ("刑申", "刑事申诉再审审查案件", "CRIMINAL"),
    ("刑抗", "刑事抗诉再审审查案件", "CRIMINAL"),
    ("刑再", "刑事再审案件", "CRIMINAL"),
    ("刑没", "申请没收违法所得案件", "CRIMINAL"),
    # 刑核: 死刑复核 / 法定刑以下判处刑罚复核 / 特殊假释复核.
    # Its case numbers are random 8-digit numbers (规定 第十条第二款).
    ("刑核", "刑事复核案件", "CRIMINAL"),
    ("刑医", "申请强制医疗审查案件", "CRIMINAL"),
    ("刑医解", "解除强制医疗审查案件", "CRIMINAL"),
    ("刑医复", "强制医疗复议案件", "CRIMINAL"),
    ("刑医监", "强制医疗监督案件", "CRIMINAL"),
    # 刑止: 停止执行死刑请求审查 / 依职权停止执行死刑.
    ("刑止", "停止执行死刑案件", "CRIMINAL"),
    ("刑止调", "停止执行死刑调查案件", "CRIMINAL"),
    ("刑止核", "停止执行死刑调查审核案件", "CRIMINAL"),
    ("刑更", "刑罚与执行变更审查案件", "CRIMINAL"),
    ("刑更监", "刑罚与执行变更监督案件", "CRIMINAL"),
    ("刑更备", "刑罚与执行变更备案案件", "CRIMINAL"),
    ("刑他", "其他刑事案件", "CRIMINAL"),
    # 安置教育 (反恐怖主义法 art. 30). Only one public source (the later code
    # list) gives these four codes and no SPC notice for them was found.
    # Not in the 2016-01 list. Treat as unconfirmed.
    ("刑教", "申请安置教育审查案件", "CRIMINAL"),  # unconfirmed, single source
    ("刑教解", "解除安置教育审查案件", "CRIMINAL"),  # unconfirmed, single source
    ("刑教复", "安置教育复议案件", "CRIMINAL"),  # unconfirmed, single source
    ("刑教监", "安置教育监督案件", "CRIMINAL"),  # unconfirmed, single source
    # 三、民事案件
    ("民初", "民事一审案件", "CIVIL"),
    ("民终", "民事二审案件", "CIVIL"),
    ("民监", "民事依职权再审审查案件", "CIVIL"),
    ("民申", "民事申请再审审查案件", "CIVIL"),
    ("民抗", "民事抗诉再审审查案件", "CIVIL"),
    ("民再", "民事再审案件", "CIVIL"),
    ("民撤", "第三人撤销之诉案件", "CIVIL"),
    # 民特 covers 选民资格, 宣告失踪/死亡, 认定行为能力, 监护, 认定财产无主,
    # 实现担保物权, 调解协议司法确认, 海事赔偿责任限制基金, 海事债权登记与受偿,
    # 撤销仲裁裁决, 申请确认仲裁协议效力.
    ("民特", "特别程序案件", "CIVIL"),
    ("民特监", "民事特别程序监督案件", "CIVIL"),
    ("民催", "催告案件", "CIVIL"),  # 船舶优先权催告 / 公示催告
    ("民督", "申请支付令审查案件", "CIVIL"),
    ("民督监", "支付令监督案件", "CIVIL"),
    ("民他", "其他民事案件", "CIVIL"),
    # Added by 法〔2016〕37号, in force 2016-03-01.
    ("民保令", "人身安全保护令申请审查案件", "CIVIL"),
    ("民保更", "人身安全保护令变更案件", "CIVIL"),
    # 2016-01-01..2016-07-31 only; replaced by the 强制清算与破产 codes below
    # (法〔2016〕237号). Kept so older case numbers still parse.
    ("民破", "破产案件", "CIVIL"),  # superseded 2016-08-01 by 破申 / 破
    ("民算", "强制清算案件", "CIVIL"),  # superseded 2016-08-01 by 清申 / 强清
    # Not in the 2015/2016 standard texts. Used nationwide for pre-filing
    # mediation (诉前调解), e.g. （2021）川0104民诉前调801号,
    # （2024）浙02民诉前调595号. The SPC document that created it was not
    # found; name is descriptive.
    ("民诉前调", "诉前调解案件", "CIVIL"),  # in use; authorising document unconfirmed
    # 四、行政案件
    ("行初", "行政一审案件", "ADMINISTRATIVE"),
    ("行终", "行政二审案件", "ADMINISTRATIVE"),
    ("行监", "行政依职权再审审查案件", "ADMINISTRATIVE"),
    ("行申", "行政申请再审审查案件", "ADMINISTRATIVE"),
    ("行抗", "行政抗诉再审审查案件", "ADMINISTRATIVE"),
    ("行再", "行政再审案件", "ADMINISTRATIVE"),
    ("行审", "非诉行政行为申请执行审查案件", "ADMINISTRATIVE"),
    ("行审复", "非诉行政行为申请执行审查复议案件", "ADMINISTRATIVE"),
    ("行他", "其他行政案件", "ADMINISTRATIVE"),
    # 五、国家赔偿与司法救助案件 — (一) 行政赔偿案件
    ("行赔初", "行政赔偿一审案件", "STATE_COMPENSATION"),
    ("行赔终", "行政赔偿二审案件", "STATE_COMPENSATION"),
    ("行赔监", "行政赔偿依职权再审审查案件", "STATE_COMPENSATION"),
    ("行赔申", "行政赔偿申请再审审查案件", "STATE_COMPENSATION"),
    ("行赔抗", "行政赔偿抗诉再审审查案件", "STATE_COMPENSATION"),
    ("行赔再", "行政赔偿再审案件", "STATE_COMPENSATION"),
    ("行赔他", "其他行政赔偿案件", "STATE_COMPENSATION"),  # single source
    # 五、(二) 司法赔偿案件
    ("法赔", "法院作为赔偿义务机关自赔案件", "STATE_COMPENSATION"),
    ("委赔", "赔偿委员会审理赔偿案件", "STATE_COMPENSATION"),
    ("委赔监", "司法赔偿监督审查案件", "STATE_COMPENSATION"),
    ("赔确监", "赔偿确认申诉审查案件", "STATE_COMPENSATION"),  # single source
    ("委赔提", "司法赔偿监督上级法院赔偿委员会重审案件", "STATE_COMPENSATION"),
    ("委赔再", "司法赔偿监督本院赔偿委员会重审案件", "STATE_COMPENSATION"),
    ("赔他", "其他赔偿案件", "STATE_COMPENSATION"),
    # 五、(三) 司法救助案件
    ("司救刑", "刑事司法救助案件", "JUDICIAL_AID"),
    ("司救民", "民事司法救助案件", "JUDICIAL_AID"),
    ("司救行", "行政司法救助案件", "JUDICIAL_AID"),
    ("司救赔", "国家赔偿司法救助案件", "JUDICIAL_AID"),
    ("司救执", "执行司法救助案件", "JUDICIAL_AID"),
    ("司救访", "涉诉信访司法救助案件", "JUDICIAL_AID"),
    ("司救他", "其他司法救助案件", "JUDICIAL_AID"),
    # 六、区际司法协助案件
    # 认台 / 认港 / 认澳 each also cover 认可与执行…仲裁裁决审查案件.
    ("认台", "认可与执行台湾地区法院裁判审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("认港", "认可与执行香港特别行政区法院裁判审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("认澳", "认可与执行澳门特别行政区法院裁判审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("认复", "认可与执行审查复议案件", "INTERREGIONAL_ASSISTANCE"),
    ("认他", "认可与执行审查其他案件", "INTERREGIONAL_ASSISTANCE"),
    ("请台送", "请求台湾地区送达文书审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("请港送", "请求香港特别行政区法院送达文书审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("请澳送", "请求澳门特别行政区法院送达文书审查案件", "INTERREGIONAL_ASSISTANCE"),
    # 台请送 / 港请送 / 澳请送 also cover 协助…送达文书案件.
    ("台请送", "台湾地区请求送达文书审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("港请送", "香港特别行政区法院请求送达文书审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("澳请送", "澳门特别行政区法院请求送达文书审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("请台调", "请求台湾地区调查取证审查案件", "INTERREGIONAL_ASSISTANCE"),
    # Sources differ on whether 请港调 / 港请调 names contain “法院”.
    ("请港调", "请求香港特别行政区调查取证审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("请澳调", "请求澳门特别行政区法院调查取证审查案件", "INTERREGIONAL_ASSISTANCE"),
    # 台请调 / 港请调 / 澳请调 also cover 协助…调查取证案件.
    ("台请调", "台湾地区请求调查取证审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("港请调", "香港特别行政区请求调查取证审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("澳请调", "澳门特别行政区法院请求调查取证审查案件", "INTERREGIONAL_ASSISTANCE"),
    ("请移管", "接收在台湾地区被判刑人案件", "INTERREGIONAL_ASSISTANCE"),
    ("助移管", "向台湾地区移管被判刑人案件", "INTERREGIONAL_ASSISTANCE"),
    ("请移赃", "接收台湾地区移交罪赃案件", "INTERREGIONAL_ASSISTANCE"),
    ("助移赃", "向台湾地区移交罪赃案件", "INTERREGIONAL_ASSISTANCE"),
    # 七、国际司法协助案件
    # 协外认 also covers 承认与执行国外仲裁裁决审查案件.
    ("协外认", "承认与执行外国法院裁判审查案件", "INTERNATIONAL_ASSISTANCE"),
    ("协他", "承认与执行审查其他案件", "INTERNATIONAL_ASSISTANCE"),
    # 协外送 also covers 送达外国法院文书案件.
    ("协外送", "外国法院请求送达文书审查案件", "INTERNATIONAL_ASSISTANCE"),
    ("请外送", "请求外国法院送达文书审查案件", "INTERNATIONAL_ASSISTANCE"),
    # 协外调 also covers 外国法院请求调查取证实施案件.
    ("协外调", "外国法院请求调查取证审查案件", "INTERNATIONAL_ASSISTANCE"),
    ("请外调", "请求外国法院调查取证审查案件", "INTERNATIONAL_ASSISTANCE"),
    ("请外移", "接收在外国被判刑人案件", "INTERNATIONAL_ASSISTANCE"),
    ("协外移", "向外国移管被判刑人案件", "INTERNATIONAL_ASSISTANCE"),
    ("请外引", "请求外国引渡案件", "INTERNATIONAL_ASSISTANCE"),
    ("协外引", "协助外国引渡案件", "INTERNATIONAL_ASSISTANCE"),
    # 八、司法制裁案件
    ("司惩", "司法制裁审查案件", "JUDICIAL_SANCTION"),  # 司法拘留 / 司法罚款
    ("司惩复", "司法制裁复议案件", "JUDICIAL_SANCTION"),
    # 九、非诉保全审查案件
    # Only 行为保全 has a 复议 code; no 财保复 / 证保复 in any source.
    ("财保", "非诉财产保全审查案件", "PRESERVATION_REVIEW"),
    ("行保", "非诉行为保全审查案件", "PRESERVATION_REVIEW"),
    ("行保复", "非诉行为保全复议案件", "PRESERVATION_REVIEW"),
    ("证保", "非诉证据保全审查案件", "PRESERVATION_REVIEW"),
    # 十、执行案件 — 执行实施类
    ("执", "首次执行案件", "ENFORCEMENT"),
    ("执恢", "恢复执行案件", "ENFORCEMENT"),
    ("执保", "财产保全执行案件", "ENFORCEMENT"),
    # 十、执行案件 — 执行审查类
    ("执异", "执行异议案件", "ENFORCEMENT"),
    ("执复", "执行复议案件", "ENFORCEMENT"),
    ("执监", "执行监督案件", "ENFORCEMENT"),
    ("执协", "执行协调案件", "ENFORCEMENT"),
    ("执他", "其他执行案件", "ENFORCEMENT"),
    # 十一、强制清算与破产案件 (法〔2016〕237号, from 2016-08-01).
    # The codes are 清申 / 清终 / 清监, not 强清申 / 强清终 / 强清监.
    ("清申", "强制清算申请审查案件", "LIQUIDATION_BANKRUPTCY"),
    ("破申", "破产申请审查案件", "LIQUIDATION_BANKRUPTCY"),
    ("清终", "强制清算上诉案件", "LIQUIDATION_BANKRUPTCY"),
    ("破终", "破产上诉案件", "LIQUIDATION_BANKRUPTCY"),
    ("清监", "强制清算监督案件", "LIQUIDATION_BANKRUPTCY"),
    ("破监", "破产监督案件", "LIQUIDATION_BANKRUPTCY"),
    ("强清", "强制清算案件", "LIQUIDATION_BANKRUPTCY"),
    ("破", "破产案件", "LIQUIDATION_BANKRUPTCY"),  # 破产清算 / 重整 / 和解
)

CATEGORY_NAMES: Final[dict[str, str]] = {
    "JURISDICTION": "管辖案件",
    "CRIMINAL": "刑事案件",
    "CIVIL": "民事案件",
    "ADMINISTRATIVE": "行政案件",
    # STATE_COMPENSATION + JUDICIAL_AID together are the standard's
    # single 大类 “国家赔偿与司法救助案件”.
    "STATE_COMPENSATION": "国家赔偿案件",
    "JUDICIAL_AID": "司法救助案件",
    "INTERREGIONAL_ASSISTANCE": "区际司法协助案件",
    "INTERNATIONAL_ASSISTANCE": "国际司法协助案件",
    "JUDICIAL_SANCTION": "司法制裁案件",
    "PRESERVATION_REVIEW": "非诉保全审查案件",
    "ENFORCEMENT": "执行案件",
    "LIQUIDATION_BANKRUPTCY": "强制清算与破产案件",
}
