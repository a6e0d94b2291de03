"""What people say and write in the demo season: complaints by category, what the unit did, why."""

from wennuan.cases.enums import RootCause
from wennuan.core.categories import Category as C

# {room}: the household's room; {t}: a temperature the resident read.
COMPLAINTS = {
    C.NOT_WARM: [
        "{room}室暖气不热，卧室温度计只有{t}度，家里有老人孩子",
        "暖气片上面热下面凉，屋里才{t}度，晚上冻得睡不着",
        "从昨天开始暖气就不太热了，客厅{t}度，请尽快来看看",
        "交了暖气费屋里还是冷，测了一下{t}度，达不到标准",
    ],
    C.INTERMITTENT: [
        "每天夜里十二点以后暖气就凉了，早上屋里只有{t}度",
        "暖气时热时不热，白天热晚上不热，是不是夜间停热了",
    ],
    C.LEAK: [
        "{room}室暖气阀门漏水，地上一滩水，已经流到楼下了",
        "楼道里供热管道滴水，下面结冰了，怕有人滑倒",
        "卫生间暖气片接口渗水，请派人来修",
    ],
    C.BURST: ["楼下主管道好像爆了，楼道里全是热气，整栋楼暖气都不热了"],
    C.LOW_PRESSURE: ["顶楼暖气上不去水，放气阀放不出水，屋里{t}度", "暖气压力不够，高层都不热"],
    C.NOT_STARTED: [
        "别人家都供暖了，我家暖气还是凉的，阀门是不是没开",
        "单元供热阀门没开，整个单元暖气都是凉的",
    ],
    C.UNEVEN: [
        "暖气上热下凉，可能是气堵了，麻烦来放放气",
        "卧室暖气热，客厅暖气不热，屋里冷热不均",
        "刚供暖暖气片一半热一半凉，放气也不管用",
    ],
    C.VALVE_FILTER: ["进户阀门拧不动了，过滤网可能堵了，暖气不热", "暖气阀门坏了关不上"],
    C.REPAIR_DELAY: ["前天报修暖气漏水到现在还没人来，一直用盆接着", "说好上午来修，等了一天没人来"],
    C.BILLING: [
        "今年采暖费比去年多收了，面积算得不对，要求核实",
        "已经在网上交了暖气费，系统显示还欠费",
    ],
    C.SUSPEND_RESUME: ["去年办了报停，今年要恢复供热，怎么办理", "房子没人住，想办报停"],
    C.INVOICE: ["交了暖气费要开发票，营业厅说开不了"],
    C.SUBSIDY: ["我是低保户，今年的采暖补贴还没到账"],
    C.REFUND: [
        "家里一直不达标，只有{t}度，申请入户测温，按规定退费",
        "暖气一直不热，要求供热公司上门测温并退费",
    ],
    C.RETROFIT: ["小区分户改造说了好几年了，什么时候改"],
    C.SERVICE_CONDUCT: ["打供热公司电话，接线员态度很差，互相推诿", "维修师傅来了说不归他们管就走了"],
    C.NOISE: ["楼下换热站水泵噪音太大，晚上吵得睡不着"],
    C.OTHER: ["想咨询一下今年供暖什么时候结束", "供热公司的维修电话是多少"],
}

RESOLUTIONS = {
    C.NOT_WARM: ("入户检查，调节单元平衡阀，清洗过滤网，复测室温达标", RootCause.COMPANY),
    C.INTERMITTENT: ("调整换热站夜间运行参数，取消夜间降温运行", RootCause.COMPANY),
    C.LEAK: ("更换漏水阀门和接口垫片，已不再渗漏", RootCause.COMPANY),
    C.BURST: ("抢修更换破损管段，系统补水升压后恢复供热", RootCause.COMPANY),
    C.LOW_PRESSURE: ("换热站补水定压，顶层放气，恢复循环", RootCause.COMPANY),
    C.NOT_STARTED: ("开启单元供热阀门，排气后恢复供热", RootCause.COMPANY),
    C.UNEVEN: ("暖气片排气，疏通气堵，各房间均已热", RootCause.COMPANY),
    C.VALVE_FILTER: ("更换进户阀门，清洗过滤网", RootCause.COMPANY),
    C.REPAIR_DELAY: ("已派人上门维修完毕，向住户致歉", RootCause.COMPANY),
    C.BILLING: ("核对收费面积和缴费记录，已更正并向住户解释", RootCause.OTHER),
    C.SUSPEND_RESUME: ("告知办理流程，已为住户办理", RootCause.OTHER),
    C.INVOICE: ("已为住户开具电子发票", RootCause.OTHER),
    C.SUBSIDY: ("与社区核实补贴名单，补贴已发放", RootCause.OTHER),
    C.REFUND: ("入户测温并按规定计算退费，已告知住户", RootCause.COMPANY),
    C.RETROFIT: ("告知住户分户改造计划和时间安排", RootCause.NO_SOURCE),
    C.SERVICE_CONDUCT: ("对相关人员批评教育，向住户道歉", RootCause.COMPANY),
    C.NOISE: ("水泵加装减振垫，夜间降频运行", RootCause.COMPANY),
    C.OTHER: ("已电话答复住户", RootCause.OTHER),
}
# Some heat complaints are the household's own doing: a radiator moved or a valve closed by the resident.
RESIDENT_CAUSE = "住户私自改动暖气片、关小进户阀门，已恢复原状并告知住户"

RETURN_REASONS = ["地址与台账不符，请核实门牌后再派", "该户不属于本站供热范围，请核实"]
PAUSE_REASONS = ["群众不在家，已预约明天上门", "住户要求晚上下班后再来"]
EXTEND_REASONS = ["需协调物业和业主委员会，申请延期", "需更换的阀门配件在采购中"]
SUPERVISION = [
    "超时未办结，请立即安排人员上门处置，今日内反馈",
    "群众多次反映，请企业主管亲自过问，限期解决",
    "请于期限前落实并上传现场照片",
]
SUPERVISION_DONE = ["已安排人员上门处置，问题已解决", "企业主管已到现场，已处理完毕"]
SPOT_CHECK_FINDINGS = [
    "电话核实住户称无人上门，室温仍不达标",
    "办结凭证照片与该户不符",
    "住户表示问题未解决，不同意办结",
]
REOPEN_BY_HAND = "住户来电称问题没有解决，要求重新处理"
VISIT_PROBLEM = "入户测温{room}{t}℃，低于标准，住户反映暖气不热"
