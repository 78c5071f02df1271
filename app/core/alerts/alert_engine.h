#pragma once
// Evaluates alert rules against one round of figures (AlertInputs): a condition must hold
// "for at least" its duration before it fires, it resolves only past its clear threshold
// (hysteresis), stale figures are never evaluated, and alerts can be acknowledged and their
// rules muted for a time. Pure: no clock, no threads, no Kafka; the watcher drives it.

#include "alerts/alert_event.h"
#include "alerts/alert_inputs.h"
#include "alerts/alert_rule.h"

#include <QHash>
#include <QStringList>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace kafkascope {

class AlertEngine
{
public:
    AlertEngine();
    ~AlertEngine();

    // Keeps the state of rules whose definition did not change; a changed rule starts over.
    void setRules(const QList<AlertRule> &rules);
    const QList<AlertRule> &rules() const { return m_rules; }

    // One round; returns what fired and what resolved, in rule order.
    QList<AlertEvent> evaluate(const AlertInputs &in);

    // subject empty with a wildcard rule: every active alert of the rule.
    QList<AlertEvent> acknowledge(const QString &ruleId, const QString &subject, double now);
    // Silences a rule until `until` (seconds since the epoch; 0 unmutes).
    std::optional<AlertEvent> mute(const QString &ruleId, double until, double now);
    double mutedUntil(const QString &ruleId) const;

    // Both read an index of the firing alerts kept as they fire and resolve, so their cost
    // follows the active alerts, not every subject of every rule.
    QList<ActiveAlert> active() const; // oldest first
    // The worst severity among active, unmuted alerts; nullopt when none.
    std::optional<AlertSeverity> worstActive(double now) const;
    int activeCount() const { return int(m_firing.size()); }

private:
    struct State
    {
        double pendingSince = -1; // condition holding since; -1 not holding
        bool firing = false;
        bool acknowledged = false;
        double firedAt = 0;
        double value = 0;
        QString figure;
        quint64 seenRound = 0;
        quint64 firingSerial = 0; // which entry of the active order is this firing's
    };
    struct Verdict
    {
        bool known = false; // false: no figure this round, nothing changes but pending resets
        bool fire = false;  // the firing condition holds
        bool clear = false; // the clear condition holds
        double value = 0;
        // What the alert's figure adds to the value, composed by note() only when an alert
        // fires or resolves: most rounds change nothing, and 10,000 subjects a round each
        // building a string were a fifth of a round's time.
        QString figure;                   // at hand already (the cluster's unreachable reason)
        const GroupFacts *group = nullptr; // a group's verdict and its reason
        int direction = 0;                 // -1 below, +1 above the topic's last hour
        double staleSeconds = -1;          // a device's staleness limit
        QString note() const;
    };
    struct RuleState
    {
        AlertRule rule;
        std::unordered_map<QString, State> states; // by subject; node-based: pointers stay
        double mutedUntil = 0;
        int idRank = 0;            // place of rule.id among all rules' ids, for the active order
        bool itemIsSubject = true; // the subject is what a panel focuses (not a broker/cluster)
        // Subjects this rule matched in the family's current list (index, its entry in states).
        quint64 matchedGeneration = 0;
        std::vector<std::pair<int, std::pair<const QString, State> *>> matched;
    };
    struct Family
    {
        QStringList names;
        quint64 generation = 0;
        void update(QStringList current);
    };
    struct HourMean;
    // A firing alert: its rule and its entry in the rule's states (node-based, so the
    // pointers stay valid until the entry is erased, which also erases it here). The serial
    // tells this firing from a later one of a state at the same address.
    struct Firing
    {
        RuleState *rs = nullptr;
        const QString *subject = nullptr;
        const State *st = nullptr;
        quint64 serial = 0;
    };
    static bool firedBefore(const Firing &a, const Firing &b);
    bool stillFiring(const Firing &f) const;
    void updateFiringOrder() const;

    // judge(rule, facts[i], i) for each subject i of the family the rule matches.
    template<typename Facts, typename Judge>
    void evaluateFamily(RuleState &rs, const Family &family, const QList<Facts> &facts,
                        bool fresh, Judge judge, QList<AlertEvent> &out);
    // `subject` is always st's own key in rs.states (so pointers to it stay valid).
    void step(RuleState &rs, const QString &subject, State &st, const Verdict &v,
              QList<AlertEvent> &out);
    void setFiring(RuleState &rs, const QString &subject, State &st, bool firing);
    void rebuildFiring();
    void freeze(RuleState &rs);
    void resolveMissing(RuleState &rs, QList<AlertEvent> &out);
    AlertEvent event(AlertEvent::Type type, const RuleState &rs, const QString &subject,
                     const State &st) const;
    void updateHourMeans(const AlertInputs &in);
    Verdict judgeGroup(const AlertRule &r, const GroupFacts &g) const;
    Verdict judgeTopic(const AlertRule &r, const TopicFacts &t, int index) const;
    Verdict judgeDevice(const AlertRule &r, const DeviceFacts &d) const;

    QList<AlertRule> m_rules;
    std::vector<std::unique_ptr<RuleState>> m_states; // parallel to m_rules
    double m_now = 0;
    quint64 m_round = 0;
    Family m_groups, m_topics, m_devices, m_brokers, m_errorTopics;
    QList<int> m_knownBrokers; // every broker id seen since the rules started
    double m_unreachableSince = -1;
    QString m_unreachableReason;
    std::unordered_map<QString, std::unique_ptr<HourMean>> m_hourMeans; // per topic
    // m_hourMeans in m_topics' order, so a round looks no topic name up (m_topics.generation).
    std::vector<HourMean *> m_topicMeans;
    quint64 m_topicMeansGeneration = 0;
    std::unordered_map<const State *, Firing> m_firing; // every firing alert
    quint64 m_firingSerial = 0;
    // The active order, oldest first, kept between rounds: a round's new firings are sorted
    // among themselves and merged in, resolved ones dropped, instead of sorting all again.
    mutable std::vector<Firing> m_firingOrder; // may still hold resolved entries
    mutable std::vector<Firing> m_firingNew;   // fired since the order was last updated
    mutable bool m_firingResolved = false;     // m_firingOrder holds resolved entries
    mutable bool m_firingRebuild = false;      // order everything again (rules changed)
};

} // namespace kafkascope
