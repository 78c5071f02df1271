// ThingsBoard's per-partition queue topics (<queue>.0, .1, .2) as one logical queue in the
// Topics panel, against the real broker: the topics are created and filled by confluent-kafka,
// the "Group queues" toggle is clicked, and the queue's row must show the topics' total
// partitions and messages (the broker's watermarks) and stand for all of its topics.

#include "cluster/cluster_manager.h"
#include "groups/group_monitor.h"
#include "groups/groups_panel.h"
#include "models/topic_table_model.h"
#include "test_main.h"
#include "test_support.h"
#include "topics/queue_topics.h"
#include "topics/topics_panel.h"

#include <QAbstractItemModelTester>
#include <QAbstractProxyModel>
#include <QCheckBox>
#include <QLabel>
#include <QLocale>
#include <QTableView>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestTopicQueuesGui : public QObject
{
    Q_OBJECT
private slots:
    void queueBases_data();
    void queueBases();
    void initTestCase();
    void cleanupTestCase();
    void queueIsOneRowWithTotals();
    void groupLagRolledUpPerQueue();

private:
    QString m_bootstrap;
    QString m_queue; // "<unique>_rule_engine.main"
    QStringList m_topics;
    ClusterManager m_clusters;
};

void TestTopicQueuesGui::queueBases_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("base");
    QTest::newRow("queue partition") << QStringLiteral("tb_rule_engine.main.12") << QStringLiteral("tb_rule_engine.main");
    QTest::newRow("core") << QStringLiteral("tb_core.0") << QStringLiteral("tb_core");
    QTest::newRow("no number") << QStringLiteral("tb_transport.api.requests") << QString();
    QTest::newRow("version-like tail") << QStringLiteral("events.v2") << QString();
    QTest::newRow("trailing dot") << QStringLiteral("events.") << QString();
    QTest::newRow("internal") << QStringLiteral("__consumer_offsets.1") << QString();
}

void TestTopicQueuesGui::queueBases()
{
    QFETCH(QString, topic);
    QFETCH(QString, base);
    QCOMPARE(queueBaseOf(topic), base);
    // A lone numbered topic is no queue.
    QVERIFY(queueGroups({QStringLiteral("a.0"), QStringLiteral("b.1"), QStringLiteral("b.0"), QStringLiteral("b.10"), QStringLiteral("b.2")})
            == (QHash<QString, QStringList>{{QStringLiteral("b"), {QStringLiteral("b.0"), QStringLiteral("b.1"), QStringLiteral("b.2"), QStringLiteral("b.10")}}}));
}

void TestTopicQueuesGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_queue = uniqueName(QStringLiteral("tbq")).replace(u'.', u'_') + QStringLiteral("_rule_engine.main");
    for (int i = 0; i < 3; ++i) {
        m_topics << m_queue + QLatin1Char('.') + QString::number(i);
        QVERIFY2(createTopic(m_bootstrap, m_topics.last(), 2, &why), qPrintable(why));
    }
    m_topics << m_queue + QStringLiteral("_other");
    QVERIFY2(createTopic(m_bootstrap, m_topics.last(), 1, &why), qPrintable(why));
    // 5, 6 and 7 records on the queue's topics, 4 on the other topic, by confluent-kafka.
    const ProcessResult r = python(QStringLiteral(R"PY(
import sys
from confluent_kafka import Producer
p = Producer({'bootstrap.servers': sys.argv[1]})
for i, topic in enumerate(sys.argv[2:]):
    for n in range(5 + i if i < 3 else 4):
        p.produce(topic, value=b'x', partition=n % (2 if i < 3 else 1))
if p.flush(30) != 0:
    sys.exit('not delivered')
)PY"), QStringList{m_bootstrap} + m_topics);
    QVERIFY2(r.ok(), r.err.constData());
}

void TestTopicQueuesGui::cleanupTestCase()
{
    for (const QString &t : std::as_const(m_topics))
        deleteTopic(m_bootstrap, t);
}

void TestTopicQueuesGui::queueIsOneRowWithTotals()
{
    ClusterSession *session = m_clusters.open(brokerProfile());
    session->setRefreshIntervalMs(1000);
    TopicsPanel panel(session);
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.resize(1200, 700);
    panel.show();
    TopicTableModel *model = panel.model();
    for (const QString &t : std::as_const(m_topics))
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(t) >= 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(model->rowOf(m_topics[2]), TopicTableModel::Messages).data().toString(),
                              QLocale().toString(7), 20000);
    QVERIFY(model->rowOf(m_topics[0]) != model->rowOf(m_topics[1]));

    auto *group = panel.findChild<QCheckBox *>(QStringLiteral("groupQueuesCheck"));
    QVERIFY(group);
    QTest::mouseClick(group, Qt::LeftButton, {}, QPoint(5, group->height() / 2));
    QVERIFY(model->groupQueues());
    const int row = model->rowOf(TopicTableModel::queueRowName(m_queue));
    QVERIFY(row >= 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(model->rowOf(m_topics[i]), row); // each topic of the queue leads to its row
    QCOMPARE(model->topicsAt(row), m_topics.mid(0, 3));
    QCOMPARE(model->index(row, TopicTableModel::Name).data().toString(), m_queue + QStringLiteral(".*  (queue, 3 topic(s))"));
    QCOMPARE(model->index(row, TopicTableModel::Partitions).data().toInt(), 6);
    QTRY_COMPARE(model->index(row, TopicTableModel::Messages).data().toString(), QLocale().toString(5 + 6 + 7));
    const int other = model->rowOf(m_topics[3]);
    QVERIFY(other >= 0 && other != row);
    QCOMPARE(model->index(other, TopicTableModel::Messages).data().toString(), QLocale().toString(4));
    QCOMPARE(model->names().filter(m_queue).size(), 4); // a new topic's name is still checked against all

    // Selecting the queue's row selects its topics (delete, purge, copy act on all three).
    auto *view = panel.findChild<QTableView *>(QStringLiteral("topicTable"));
    QVERIFY(view);
    const auto *proxy = static_cast<const QAbstractProxyModel *>(view->model());
    view->clearSelection();
    view->selectRow(proxy->mapFromSource(model->index(row, 0)).row());
    QCOMPARE(panel.selectedTopics(), m_topics.mid(0, 3));

    QTest::mouseClick(group, Qt::LeftButton, {}, QPoint(5, group->height() / 2));
    QVERIFY(!model->groupQueues());
    QCOMPARE(model->rowOf(TopicTableModel::queueRowName(m_queue)), -1);
    QVERIFY(model->rowOf(m_topics[0]) != model->rowOf(m_topics[1]));
}

// A group reading the queue: the Groups panel's detail gives its lag per queue (the queue's
// three topics as one line), summed as confluent-kafka computes it from the same broker.
void TestTopicQueuesGui::groupLagRolledUpPerQueue()
{
    const QString group = uniqueName(QStringLiteral("queue-group"));
    // Commits offset 1 on every partition of the queue and of the other topic, then prints the
    // group's lag per topic from the committed offsets and the high watermarks.
    const ProcessResult r = python(QStringLiteral(R"PY(
import sys
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': sys.argv[2], 'enable.auto.commit': False})
parts = [TopicPartition(t, p, 1) for t in sys.argv[3:] for p in range(2 if not t.endswith('_other') else 1)]
c.commit(offsets=parts, asynchronous=False)
lag = {}
for tp in c.committed(parts, timeout=30):
    low, high = c.get_watermark_offsets(tp, timeout=30)
    lag[tp.topic] = lag.get(tp.topic, 0) + high - tp.offset
c.close()
for t in sys.argv[3:]:
    print(t, lag[t])
)PY"), QStringList{m_bootstrap, group} + m_topics);
    QVERIFY2(r.ok(), r.err.constData());
    QHash<QString, qint64> lag;
    for (const QByteArray &line : r.out.trimmed().split('\n'))
        lag.insert(QString::fromUtf8(line.split(' ').value(0)), line.split(' ').value(1).toLongLong());
    const qint64 queueLag = lag[m_topics[0]] + lag[m_topics[1]] + lag[m_topics[2]];
    QCOMPARE(queueLag, (5 + 6 + 7) - 6); // 3 topics x 2 partitions committed at 1

    ClusterSession *session = m_clusters.open(brokerProfile());
    GroupsPanel panel(session, group);
    QMetaObject::invokeMethod(panel.monitor(), [m = panel.monitor()] { m->setPollIntervalMs(500); });
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *header = panel.findChild<QLabel *>(QStringLiteral("groupDetailHeader"));
    QVERIFY(header);
    const QString queueLine = QStringLiteral("queue %1 (3 topics): lag %2").arg(m_queue, QLocale().toString(queueLag));
    QTRY_VERIFY2_WITH_TIMEOUT(header->text().contains(queueLine), qPrintable(header->text()), 30000);
    QVERIFY2(header->text().contains(QStringLiteral("%1: lag %2").arg(m_topics[3], QLocale().toString(lag[m_topics[3]]))),
             qPrintable(header->text()));
    for (int i = 0; i < 3; ++i) // no line per topic of the queue
        QVERIFY2(!header->text().contains(m_topics[i] + QStringLiteral(": lag")), qPrintable(header->text()));
}

KAFKASCOPE_GUI_TEST_MAIN(TestTopicQueuesGui)
#include "tst_topic_queues_gui.moc"
