"""Demo rows: a provincial office over a few cities and counties, manuscripts in every state, two
published issues and a draft. Everything goes through orgs' and this app's actions; found before
created, so a second run changes nothing."""

from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from wenming.core.periods import SHANGHAI, to_local
from wenming.orgs import actions as org_actions
from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit
from wenming.people import actions as people_actions
from wenming.people.choices import Role
from wenming.people.models import User

from . import actions
from .choices import Level, SectionKind
from .models import Briefing, Manuscript

CITIES = [("南京市", ["江宁区"]), ("苏州市", ["昆山市", "张家港市"]), ("盐城市", ["东台市"]), ("常州市", ["溧阳市", "金坛区"])]
SECTOR = "省审计系统"
# (username, display name, unit name)
LIAISONS = [("bf_liyang", "溧阳市文明办联络员", "溧阳市"), ("bf_suzhou", "苏州市文明办联络员", "苏州市"),
            ("bf_kunshan", "昆山市文明办联络员", "昆山市"), ("bf_yancheng", "盐城市文明办联络员", "盐城市"),
            ("bf_audit", "省审计系统联络员", SECTOR)]
BODY = ("<p>今年以来，{unit}坚持以新时代文明实践为抓手，推动志愿服务常态化、项目化、品牌化。</p>"
        "<p><strong>搭建数字平台。</strong>升级志愿服务平台，规范注册流程，提高志愿者注册率。</p>"
        "<p><strong>培育专业队伍。</strong>整合行业资源，组建专业志愿服务队伍，开展常态长效活动。</p>")
# (liaison, title, what happens to it: adopt1 / adopt2 / higher / review / refuse / submit / draft)
PIECES = [
    ("bf_suzhou", "依托大数据平台构建新时代文明实践志愿服务矩阵", "adopt1"),
    ("bf_yancheng", "围绕工作主线持续擦亮“厚德盐城”文明底色", "adopt1"),
    ("bf_liyang", "“掌上道德讲堂”让身边好人走进千家万户", "higher"),
    ("bf_kunshan", "志愿服务“时间银行”让爱心可储存", "adopt2"),
    ("bf_audit", "审计系统深化文明单位创建", "adopt2"),
    ("bf_liyang", "文明实践“四季行”活动纪实", "draft"),
    ("bf_kunshan", "社区“微心愿”认领活动", "review"),
    ("bf_suzhou", "文明城市创建工作汇报", "refuse"),
    ("bf_yancheng", "道德讲堂进乡村", "submit"),
    ("bf_liyang", "移风易俗主题宣传月", "submit"),
]
REPORT_TO = "中央文明办\n省文明委主任、副主任、委员"
SEND_TO = "各设区市、县（市、区）文明委、文明办\n省文明委成员单位"


def _user(username, display, pw_hash, created) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display, password=pw_hash)
        user.save()
        created.append(username)
    return user


def _tree():
    province, _new = org_actions.ensure_unit("江苏省", UnitKind.PROVINCE, None)
    units = {"江苏省": province}
    for order, (city, counties) in enumerate(CITIES, 1):
        existing = Unit.objects.filter(parent=province, name=city).first()
        units[city] = existing or org_actions.ensure_unit(city, UnitKind.CITY, province, sort_order=order)[0]
        for county in counties:
            units[county] = org_actions.ensure_unit(county, UnitKind.COUNTY, units[city])[0]
    units[SECTOR] = org_actions.ensure_unit(SECTOR, UnitKind.DEPARTMENT, province)[0]
    return units


def _at(day, hour=10):
    return datetime.combine(day, time(hour, 0), tzinfo=SHANGHAI)


def load_demo(ctx) -> None:
    units = _tree()
    pw_hash = make_password(ctx.password)
    editor = _user("bf_editor", "省文明办简报编辑", pw_hash, ctx.created)
    reviewer = _user("bf_reviewer", "省文明办简报审核员", pw_hash, ctx.created)
    for person, role in ((editor, Role.EDITOR), (reviewer, Role.REVIEWER)):
        if not person.role_assignments.filter(role=role, unit=units["江苏省"]).exists():
            people_actions.grant_role(person, role, units["江苏省"])
    liaisons = {}
    for username, display, unit_name in LIAISONS:
        person = _user(username, display, pw_hash, ctx.created)
        if not person.groups.filter(name=Role.LIAISON).exists():
            people_actions.grant_role(person, Role.LIAISON)
        unit = units[unit_name]
        if unit.liaison_id is None:
            org_actions.appoint(unit, liaison=person)
        liaisons[username] = (person, Unit.objects.get(pk=unit.pk))
    if Briefing.objects.filter(created_by=editor).exists():
        return
    today = to_local(timezone.now()).date()
    days = [today - timedelta(days=45), today - timedelta(days=15), today]
    issues = []
    for number_offset, day in enumerate(days):
        taken = Briefing.objects.filter(year=day.year).order_by("-number").values_list("number", flat=True).first() or 0
        issues.append(actions.create_briefing(
            actor=editor, unit=units["江苏省"], title="江苏精神文明建设简报", year=day.year, number=taken + 1,
            date=day, issuer="江苏省文明办", report_to=REPORT_TO, send_to=SEND_TO,
            document_number=f"苏简字{1002 + number_offset}号", print_run=400,
        ))
    for username, title, fate in PIECES:
        person, unit = liaisons[username]
        if Manuscript.objects.filter(title=title).exists():
            continue
        m = actions.submit_manuscript(unit, actor=person, title=title, body=BODY.format(unit=unit.name),
                                      author=person.display_name, checked_by="文明办主任", contact="025-00000000",
                                      wanted_section="工作交流")
        if fate == "submit":
            continue
        if fate == "refuse":
            actions.not_adopt(m, actor=editor, reason="内容以工作汇报为主，请提炼做法和成效后再投。")
            continue
        actions.start_review(m, actor=editor)
        if fate == "review":
            continue
        target = {"adopt1": 0, "higher": 0, "adopt2": 1, "draft": 2}[fate]
        issue = issues[target]
        section = issue.sections.get(kind=SectionKind.ARTICLES)
        actions.adopt(m, issue, section, actor=editor, at=_at(issue.date - timedelta(days=2)))
        if fate == "higher":
            actions.adopt(m, issues[1], issues[1].sections.get(kind=SectionKind.ARTICLES), actor=editor,
                          at=_at(issues[1].date - timedelta(days=2)))
            actions.adopt_at_level(m, Level.NATIONAL, actor=editor, at=_at(issues[1].date), outlet="中国文明网")
    for issue in issues[:2]:
        actions.sign_off(issue, actor=reviewer)
        actions.publish(issue, actor=editor)
