#include "alerts/alert_engine.h"
#include "alerts/alert_figure.h"

#include "groups/group_lag.h"

#include <QDateTime>
#include <QObject>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>
#include <array>
#include <cmath>

namespace kafkascope {

namespace {
constexpr double kHourMeanMinSeconds = 300; // a "last hour" needs at least 5 minutes of it

struct BrokerFact
{
    QString name;
    bool present = false;
};
} // namespace

// A topic's mean rate over its last hour, in one-minute buckets.
struct AlertEngine::HourMean
{
    double first = -1;
    double mean = std::nan(""); // before this round's sample
    std::array<double, 60> sums{};
    std::array<int, 60> counts{};
    std::array<qint64, 60> minutes{};

    void add(double t, double v)
    {
        const qint64 m = qint64(std::floor(t / 60));
        const size_t i = size_t(m % 60);
        if (minutes[i] != m) {
            minutes[i] = m;
            sums[i] = 0;
            counts[i] = 0;
        }
        sums[i] += v;
        ++counts[i];
        if (first < 0)
            first = t;
    }
    double compute(double t) const
    {
        if (first < 0 || t - first < kHourMeanMinSeconds)
            return std::nan("");
        const qint64 m = qint64(std::floor(t / 60));
        double sum = 0;
        int n = 0;
        for (size_t i = 0; i < 60; ++i)
            if (minutes[i] > m - 60 && counts[i] > 0) {
                sum += sums[i];
                n += counts[i];
            }
        return n ? sum / n : std::nan("");
    }
};

void AlertEngine::Family::update(QStringList current)
{
    if (current != names) {
        names = std::move(current);
        ++generation;
    }
}

AlertEngine::AlertEngine() = default;
AlertEngine::~AlertEngine() = default;

void AlertEngine::setRules(const QList<AlertRule> &rules)
{
    std::vector<std::unique_ptr<RuleState>> next;
    next.reserve(size_t(rules.size()));
    for (const AlertRule &r : rules) {
        auto it = std::find_if(m_states.begin(), m_states.end(),
                               [&](const auto &s) { return s && s->rule == r; });
        if (it != m_states.end()) {
            next.push_back(std::move(*it));
        } else {
            auto s = std::make_unique<RuleState>();
            s->rule = r;
            next.push_back(std::move(s));
        }
    }
    m_states = std::move(next);
    m_rules = rules;
    // The active order ties on rule ids: ranked once here, compared as integers there.
    std::vector<RuleState *> byId;
    for (auto &ptr : m_states) {
        const QString &kind = ruleKindInfo(ptr->rule.kind).subjectKind;
        ptr->itemIsSubject = kind != u"broker" && kind != u"cluster";
        byId.push_back(ptr.get());
    }
    std::sort(byId.begin(), byId.end(), [](const RuleState *a, const RuleState *b) { return a->rule.id < b->rule.id; });
    for (size_t i = 0; i < byId.size(); ++i)
        byId[i]->idRank = i > 0 && byId[i]->rule.id == byId[i - 1]->rule.id ? byId[i - 1]->idRank : int(i);
    rebuildFiring(); // states of dropped or changed rules are gone
}

void AlertEngine::rebuildFiring()
{
    m_firing.clear();
    for (auto &ptr : m_states)
        for (auto &[subject, st] : ptr->states)
            if (st.firing) {
                st.firingSerial = ++m_firingSerial;
                m_firing.emplace(&st, Firing{ptr.get(), &subject, &st, st.firingSerial});
            }
    m_firingNew.clear();
    m_firingRebuild = true;
}

void AlertEngine::setFiring(RuleState &rs, const QString &subject, State &st, bool firing)
{
    st.firing = firing;
    if (firing) {
        st.firingSerial = ++m_firingSerial;
        const Firing f{&rs, &subject, &st, st.firingSerial};
        m_firing.insert_or_assign(&st, f);
        m_firingNew.push_back(f);
        // Nobody asking for the active list must not let the new ones pile up.
        if (m_firingNew.size() > 2 * m_firing.size() + 64) {
            m_firingNew.clear();
            m_firingRebuild = true;
        }
    } else {
        m_firing.erase(&st);
        m_firingResolved = true;
    }
}

QString AlertEngine::Verdict::note() const
{
    if (group)
        return GroupHealthEvaluator::verdictName(group->verdict) + u": " + group->reason;
    if (direction != 0)
        return direction < 0 ? QObject::tr("below") : QObject::tr("above");
    if (staleSeconds >= 0)
        return formatDuration(staleSeconds);
    return figure;
}

AlertEvent AlertEngine::event(AlertEvent::Type type, const RuleState &rs, const QString &subject,
                              const State &st) const
{
    const RuleKindInfo &info = ruleKindInfo(rs.rule.kind);
    AlertEvent e;
    e.type = type;
    e.at = m_now;
    e.ruleId = rs.rule.id;
    e.ruleName = rs.rule.name;
    e.kind = rs.rule.kind;
    e.severity = rs.rule.severity;
    e.subject = subject;
    e.value = st.value;
    e.figure = st.figure;
    e.panel = info.panel;
    e.item = rs.itemIsSubject ? subject : QString();
    e.muted = rs.mutedUntil > m_now;
    return e;
}

void AlertEngine::step(RuleState &rs, const QString &subject, State &st, const Verdict &v,
                       QList<AlertEvent> &out)
{
    if (!v.known) {
        st.pendingSince = -1; // no figure: the duration starts again when there is one
        return;
    }
    st.value = v.value;
    if (st.firing) {
        if (v.clear) {
            setFiring(rs, subject, st, false);
            st.pendingSince = -1;
            st.figure = alertFigure(rs.rule, v.value, v.note());
            out.append(event(AlertEvent::Type::Resolved, rs, subject, st));
            st.acknowledged = false;
        }
        return;
    }
    if (!v.fire) {
        st.pendingSince = -1;
        return;
    }
    if (st.pendingSince < 0)
        st.pendingSince = m_now;
    if (m_now - st.pendingSince >= rs.rule.forSeconds) {
        setFiring(rs, subject, st, true);
        st.acknowledged = false;
        st.firedAt = m_now;
        st.figure = alertFigure(rs.rule, v.value, v.note());
        out.append(event(AlertEvent::Type::Fired, rs, subject, st));
    }
}

void AlertEngine::freeze(RuleState &rs)
{
    // Stale figures are not evaluated: nothing fires or resolves, and a pending duration
    // does not run on through the dark.
    for (auto &[subject, st] : rs.states)
        st.pendingSince = -1;
}

void AlertEngine::resolveMissing(RuleState &rs, QList<AlertEvent> &out)
{
    for (auto it = rs.states.begin(); it != rs.states.end();) {
        if (it->second.seenRound == m_round) {
            ++it;
            continue;
        }
        if (it->second.firing) {
            it->second.figure = QObject::tr("no longer reported");
            out.append(event(AlertEvent::Type::Resolved, rs, it->first, it->second));
            setFiring(rs, it->first, it->second, false);
        }
        it = rs.states.erase(it);
    }
}

template<typename Facts, typename Judge>
void AlertEngine::evaluateFamily(RuleState &rs, const Family &family, const QList<Facts> &facts,
                                 bool fresh, Judge judge, QList<AlertEvent> &out)
{
    if (!fresh) {
        freeze(rs);
        return;
    }
    const bool rebuilt = rs.matchedGeneration != family.generation;
    if (rebuilt) {
        rs.matched.clear();
        // The pattern is compiled once per rebuild, not once per subject.
        const std::optional<QRegularExpression> pattern =
            rs.rule.target.isEmpty() || rs.rule.target == u"*" || !rs.rule.wildcard()
            ? std::nullopt
            : std::optional(AlertRule::targetPattern(rs.rule.target));
        for (int i = 0; i < family.names.size(); ++i) {
            const QString &name = family.names[i];
            if (pattern ? pattern->match(name).hasMatch() : rs.rule.targets(name))
                rs.matched.emplace_back(i, &*rs.states.try_emplace(name).first);
        }
        rs.matchedGeneration = family.generation;
    }
    for (auto &[i, node] : rs.matched) {
        node->second.seenRound = m_round;
        step(rs, node->first, node->second, judge(rs.rule, facts[i], i), out);
    }
    if (rebuilt)
        resolveMissing(rs, out); // subjects gone from the list (a deleted group)
}

AlertEngine::Verdict AlertEngine::judgeGroup(const AlertRule &r, const GroupFacts &g) const
{
    Verdict v;
    using V = GroupHealth::Verdict;
    switch (r.kind) {
    case RuleKind::GroupLagMessages:
        v.known = g.lag >= 0;
        v.value = double(g.lag);
        v.fire = v.value > r.threshold;
        v.clear = v.value <= r.clearAt();
        break;
    case RuleKind::GroupLagSeconds:
        v.known = g.lagSeconds >= 0;
        v.value = g.lagSeconds;
        v.fire = v.value > r.threshold;
        v.clear = v.value <= r.clearAt();
        break;
    case RuleKind::GroupStopped:
        v.known = g.verdict != V::Unknown;
        v.fire = g.verdict == V::Stopped || g.verdict == V::Stalled || g.verdict == V::Error;
        v.clear = !v.fire;
        v.value = double(int(g.verdict));
        v.group = &g;
        break;
    case RuleKind::GroupLagGrowing:
        v.known = g.verdict != V::Unknown;
        v.fire = g.verdict == V::Lagging;
        v.clear = !v.fire;
        v.value = double(g.lag);
        v.group = &g;
        break;
    default:
        break;
    }
    return v;
}

AlertEngine::Verdict AlertEngine::judgeTopic(const AlertRule &r, const TopicFacts &t, int index) const
{
    Verdict v;
    switch (r.kind) {
    case RuleKind::TopicThroughputZero:
        v.known = !std::isnan(t.rate);
        v.value = t.rate;
        v.fire = t.rate <= 0;
        v.clear = t.rate > 0;
        break;
    case RuleKind::TopicThroughputChange: {
        // Evaluated only with fresh rates: m_topicMeans follows this round's topics.
        const HourMean *m = m_topicMeans[size_t(index)];
        const double mean = m ? m->mean : std::nan("");
        v.known = !std::isnan(t.rate) && !std::isnan(mean) && mean > 0;
        if (v.known) {
            v.value = std::abs(t.rate - mean) / mean * 100;
            v.fire = v.value > r.threshold;
            v.clear = v.value <= r.clearAt();
            v.direction = t.rate < mean ? -1 : 1;
        }
        break;
    }
    case RuleKind::UnderReplicated:
    case RuleKind::OfflinePartitions:
        v.known = true;
        v.value = r.kind == RuleKind::UnderReplicated ? t.underReplicated : t.offline;
        v.fire = v.value > r.threshold;
        v.clear = v.value <= r.clearAt();
        break;
    default:
        break;
    }
    return v;
}

AlertEngine::Verdict AlertEngine::judgeDevice(const AlertRule &r, const DeviceFacts &d) const
{
    Verdict v;
    if (!r.topic.isEmpty() && d.topic != r.topic)
        return v; // a device of another topic: not this rule's
    if (r.kind == RuleKind::DeviceSilent) {
        v.known = d.silentSeconds >= 0;
        v.value = d.silentSeconds;
        v.fire = d.silentSeconds > d.staleSeconds;
        v.clear = !v.fire;
        v.staleSeconds = d.staleSeconds;
    } else if (r.kind == RuleKind::TelemetryThreshold) {
        const auto it = d.values.constFind(r.key);
        v.known = it != d.values.cend();
        if (v.known) {
            v.value = *it;
            v.fire = r.below ? v.value < r.threshold : v.value > r.threshold;
            v.clear = r.below ? v.value >= r.clearAt() : v.value <= r.clearAt();
        }
    }
    return v;
}

void AlertEngine::updateHourMeans(const AlertInputs &in)
{
    if (!in.ratesFresh)
        return;
    // With fresh rates m_topics was just updated from in.topics: same names, same order.
    if (m_topicMeansGeneration != m_topics.generation || m_topicMeans.size() != size_t(in.topics.size())) {
        m_topicMeans.assign(size_t(in.topics.size()), nullptr);
        for (qsizetype i = 0; i < in.topics.size(); ++i)
            if (const auto it = m_hourMeans.find(in.topics[i].name); it != m_hourMeans.end())
                m_topicMeans[size_t(i)] = it->second.get();
        m_topicMeansGeneration = m_topics.generation;
    }
    for (qsizetype i = 0; i < in.topics.size(); ++i) {
        const TopicFacts &t = in.topics[i];
        if (std::isnan(t.rate))
            continue;
        HourMean *&m = m_topicMeans[size_t(i)];
        if (!m) {
            auto &owned = m_hourMeans[t.name];
            if (!owned)
                owned = std::make_unique<HourMean>();
            m = owned.get();
        }
        m->mean = m->compute(in.now);
        m->add(in.now, t.rate);
    }
}

QList<AlertEvent> AlertEngine::evaluate(const AlertInputs &in)
{
    QList<AlertEvent> out;
    m_now = in.now;
    ++m_round;
    if (!in.unreachable) {
        m_unreachableSince = -1;
    } else {
        if (m_unreachableSince < 0)
            m_unreachableSince = in.now;
        m_unreachableReason = in.unreachableReason;
    }
    const bool live = in.connected;
    const bool metadata = live && in.metadataFresh;
    const bool rates = live && in.ratesFresh;
    const bool groups = live && in.groupsFresh;
    const bool telemetry = live && in.telemetryFresh;

    QList<BrokerFact> brokers;
    if (metadata) {
        for (int id : in.brokers)
            if (!m_knownBrokers.contains(id))
                m_knownBrokers.append(id);
        std::sort(m_knownBrokers.begin(), m_knownBrokers.end());
        QStringList names;
        for (int id : m_knownBrokers) {
            brokers.append({QString::number(id), in.brokers.contains(id)});
            names << brokers.last().name;
        }
        m_brokers.update(names);
    }
    // Subject lists are compared once per round; rules rematch only when one changed.
    auto namesOf = [](const auto &list) {
        QStringList names;
        names.reserve(list.size());
        for (const auto &f : list)
            names << f.name;
        return names;
    };
    if (groups) {
        QStringList names;
        names.reserve(in.groups.size());
        for (const GroupFacts &g : in.groups)
            names << g.id;
        m_groups.update(names);
    }
    if (metadata || rates)
        m_topics.update(namesOf(in.topics));
    if (telemetry)
        m_devices.update(namesOf(in.devices));
    QList<TopicFacts> errorTopics;
    if (telemetry) {
        for (auto it = in.decodeErrorRates.cbegin(); it != in.decodeErrorRates.cend(); ++it) {
            TopicFacts f;
            f.name = it.key();
            f.rate = it.value();
            errorTopics.append(f);
        }
        std::sort(errorTopics.begin(), errorTopics.end(),
                  [](const TopicFacts &a, const TopicFacts &b) { return a.name < b.name; });
        m_errorTopics.update(namesOf(errorTopics));
    }
    updateHourMeans(in);

    for (auto &ptr : m_states) {
        RuleState &rs = *ptr;
        if (!rs.rule.enabled)
            continue;
        switch (rs.rule.kind) {
        case RuleKind::ClusterUnreachable: {
            auto &[subject, st] = *rs.states.try_emplace(QString()).first;
            st.seenRound = m_round;
            Verdict v;
            v.known = in.connected || in.unreachable; // still connecting: not known yet
            v.fire = in.unreachable;
            v.clear = in.connected;
            v.value = in.unreachable ? in.now - m_unreachableSince : 0;
            v.figure = m_unreachableReason;
            step(rs, subject, st, v, out);
            break;
        }
        case RuleKind::GroupLagMessages:
        case RuleKind::GroupLagSeconds:
        case RuleKind::GroupStopped:
        case RuleKind::GroupLagGrowing:
            evaluateFamily(rs, m_groups, in.groups, groups,
                           [this](const AlertRule &r, const GroupFacts &g, int) { return judgeGroup(r, g); }, out);
            break;
        case RuleKind::TopicThroughputZero:
        case RuleKind::TopicThroughputChange:
            evaluateFamily(rs, m_topics, in.topics, rates,
                           [this](const AlertRule &r, const TopicFacts &t, int i) { return judgeTopic(r, t, i); }, out);
            break;
        case RuleKind::UnderReplicated:
        case RuleKind::OfflinePartitions:
            evaluateFamily(rs, m_topics, in.topics, metadata,
                           [this](const AlertRule &r, const TopicFacts &t, int i) { return judgeTopic(r, t, i); }, out);
            break;
        case RuleKind::BrokerMissing:
            evaluateFamily(rs, m_brokers, brokers, metadata,
                           [](const AlertRule &, const BrokerFact &b, int) {
                               Verdict v;
                               v.known = true;
                               v.fire = !b.present;
                               v.clear = b.present;
                               v.value = b.present ? 0 : 1;
                               return v;
                           }, out);
            break;
        case RuleKind::DeviceSilent:
        case RuleKind::TelemetryThreshold:
            evaluateFamily(rs, m_devices, in.devices, telemetry,
                           [this](const AlertRule &r, const DeviceFacts &d, int) { return judgeDevice(r, d); }, out);
            break;
        case RuleKind::DecodeErrorRate:
            evaluateFamily(rs, m_errorTopics, errorTopics, telemetry,
                           [](const AlertRule &r, const TopicFacts &t, int) {
                               Verdict v;
                               v.known = !std::isnan(t.rate);
                               v.value = t.rate;
                               v.fire = t.rate > r.threshold;
                               v.clear = t.rate <= r.clearAt();
                               return v;
                           }, out);
            break;
        }
    }
    return out;
}

QList<AlertEvent> AlertEngine::acknowledge(const QString &ruleId, const QString &subject, double now)
{
    QList<AlertEvent> out;
    m_now = now;
    for (auto &ptr : m_states) {
        if (ptr->rule.id != ruleId)
            continue;
        for (auto &[s, st] : ptr->states)
            if (st.firing && !st.acknowledged && (subject.isEmpty() || s == subject)) {
                st.acknowledged = true;
                out.append(event(AlertEvent::Type::Acknowledged, *ptr, s, st));
            }
    }
    return out;
}

std::optional<AlertEvent> AlertEngine::mute(const QString &ruleId, double until, double now)
{
    m_now = now;
    for (auto &ptr : m_states) {
        if (ptr->rule.id != ruleId)
            continue;
        ptr->mutedUntil = until;
        State st;
        st.figure = until > now
            ? QObject::tr("muted until %1")
                  .arg(QDateTime::fromMSecsSinceEpoch(qint64(until * 1000)).toString(Qt::ISODate))
            : QObject::tr("unmuted");
        AlertEvent e = event(AlertEvent::Type::Muted, *ptr, QString(), st);
        return e;
    }
    return std::nullopt;
}

double AlertEngine::mutedUntil(const QString &ruleId) const
{
    for (const auto &ptr : m_states)
        if (ptr->rule.id == ruleId)
            return ptr->mutedUntil;
    return 0;
}

} // namespace kafkascope
