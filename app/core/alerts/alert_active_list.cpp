// The engine's list of active alerts: kept in firing order between rounds (a round's new
// firings merged in) and read by the Alerts panel, the tray and the watcher.
#include "alerts/alert_engine.h"

#include <algorithm>

namespace kafkascope {

bool AlertEngine::firedBefore(const Firing &a, const Firing &b)
{
    if (a.st->firedAt != b.st->firedAt)
        return a.st->firedAt < b.st->firedAt;
    // Rules of one subject share its text (copies of one name): equal without comparing.
    if (a.subject->constData() != b.subject->constData() || a.subject->size() != b.subject->size())
        if (const int c = a.subject->compare(*b.subject))
            return c < 0;
    return a.rs->idRank < b.rs->idRank; // the order of the rule ids
}

bool AlertEngine::stillFiring(const Firing &f) const
{
    const auto it = m_firing.find(f.st);
    return it != m_firing.end() && it->second.serial == f.serial;
}

void AlertEngine::updateFiringOrder() const
{
    const auto resolved = [this](const Firing &f) { return !stillFiring(f); };
    if (m_firingRebuild) {
        m_firingOrder.clear();
        m_firingOrder.reserve(m_firing.size());
        for (const auto &[st, f] : m_firing)
            m_firingOrder.push_back(f);
        std::sort(m_firingOrder.begin(), m_firingOrder.end(), firedBefore);
    } else {
        if (m_firingResolved)
            std::erase_if(m_firingOrder, resolved);
        std::erase_if(m_firingNew, resolved); // fired and resolved again in between
        if (!m_firingNew.empty()) {
            std::sort(m_firingNew.begin(), m_firingNew.end(), firedBefore);
            const auto middle = std::ptrdiff_t(m_firingOrder.size());
            m_firingOrder.insert(m_firingOrder.end(), m_firingNew.begin(), m_firingNew.end());
            std::inplace_merge(m_firingOrder.begin(), m_firingOrder.begin() + middle, m_firingOrder.end(), firedBefore);
        }
    }
    m_firingNew.clear();
    m_firingResolved = m_firingRebuild = false;
}

QList<ActiveAlert> AlertEngine::active() const
{
    updateFiringOrder();
    QList<ActiveAlert> out;
    out.reserve(qsizetype(m_firingOrder.size()));
    for (const Firing &f : m_firingOrder) {
        const RuleState &rs = *f.rs;
        const State &st = *f.st;
        out.emplaceBack(ActiveAlert{
            .ruleId = rs.rule.id,
            .ruleName = rs.rule.name,
            .kind = rs.rule.kind,
            .severity = rs.rule.severity,
            .subject = *f.subject,
            .since = st.firedAt,
            .value = st.value,
            .figure = st.figure,
            .panel = ruleKindInfo(rs.rule.kind).panel,
            .item = rs.itemIsSubject ? *f.subject : QString(),
            .acknowledged = st.acknowledged,
            .mutedUntil = rs.mutedUntil,
        });
    }
    return out;
}

std::optional<AlertSeverity> AlertEngine::worstActive(double now) const
{
    std::optional<AlertSeverity> worst;
    for (const auto &[st, f] : m_firing)
        if (f.rs->mutedUntil <= now && (!worst || int(f.rs->rule.severity) > int(*worst)))
            worst = f.rs->rule.severity;
    return worst;
}

} // namespace kafkascope
