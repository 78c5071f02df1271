#include "alerts/alert_event.h"

namespace kafkascope {

QString AlertEvent::typeName(Type t)
{
    switch (t) {
    case Type::Fired:
        return QStringLiteral("fired");
    case Type::Resolved:
        return QStringLiteral("resolved");
    case Type::Acknowledged:
        return QStringLiteral("acknowledged");
    case Type::Muted:
        return QStringLiteral("muted");
    }
    return {};
}

QJsonObject AlertEvent::toJson() const
{
    return {
        {QStringLiteral("type"), typeName(type)},
        {QStringLiteral("at"), at},
        {QStringLiteral("ruleId"), ruleId},
        {QStringLiteral("ruleName"), ruleName},
        {QStringLiteral("kind"), ruleKindInfo(kind).id},
        {QStringLiteral("severity"), severityName(severity)},
        {QStringLiteral("subject"), subject},
        {QStringLiteral("value"), value},
        {QStringLiteral("figure"), figure},
        {QStringLiteral("panel"), panel},
        {QStringLiteral("item"), item},
        {QStringLiteral("muted"), muted},
    };
}

AlertEvent AlertEvent::fromJson(const QJsonObject &o)
{
    AlertEvent e;
    const QString type = o.value(u"type").toString();
    for (Type t : {Type::Fired, Type::Resolved, Type::Acknowledged, Type::Muted})
        if (typeName(t) == type)
            e.type = t;
    e.at = o.value(u"at").toDouble();
    e.ruleId = o.value(u"ruleId").toString();
    e.ruleName = o.value(u"ruleName").toString();
    const QString kind = o.value(u"kind").toString();
    for (const RuleKindInfo &k : ruleKinds())
        if (k.id == kind)
            e.kind = k.kind;
    e.severity = severityFromName(o.value(u"severity").toString());
    e.subject = o.value(u"subject").toString();
    e.value = o.value(u"value").toDouble();
    e.figure = o.value(u"figure").toString();
    e.panel = o.value(u"panel").toString();
    e.item = o.value(u"item").toString();
    e.muted = o.value(u"muted").toBool();
    return e;
}

} // namespace kafkascope
