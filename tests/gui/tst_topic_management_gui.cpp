// Topic management driven through the real panel and dialogs, offscreen with QTest, against
// the real broker; every outcome is checked with independent clients (kcat, python
// confluent_kafka): create, add partitions, edit/reset configs, purge, delete. Invalid input
// never reaches the broker, and the broker's own refusals reach the user intact.

#include "topics/add_partitions_dialog.h"
#include "cluster/cluster_manager.h"
#include "topics/create_topic_dialog.h"
#include "topics/delete_topics_dialog.h"
#include "demo/demo_cluster.h"
#include "topics/edit_config_dialog.h"
#include "key_value_table.h"
#include "models/partition_table_model.h"
#include "topics/purge_dialog.h"
#include "test_main.h"
#include "test_support.h"
#include "topics/topic_admin.h"
#include "models/topic_config_model.h"
#include "topics/topic_config_view.h"
#include "models/topic_table_model.h"
#include "topics/topics_panel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QScopeGuard>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {
// {config: value} of a topic's overrides (source DYNAMIC_TOPIC_CONFIG) as python sees them.
QJsonObject pythonOverrides(const QString &bootstrap, const QString &topic)
{
    static const QString code = QStringLiteral(R"PY(
import sys, json
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource
admin = AdminClient({'bootstrap.servers': sys.argv[1]})
res = ConfigResource(ConfigResource.Type.TOPIC, sys.argv[2])
configs = admin.describe_configs([res])[res].result(timeout=30)
print(json.dumps({k: v.value for k, v in configs.items() if v.source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value}))
)PY");
    const ProcessResult r = python(code, {bootstrap, topic});
    if (!r.ok())
        qWarning("python describe_configs failed: %s", r.err.constData());
    return QJsonDocument::fromJson(r.out).object();
}

// (low, high) watermarks of one partition as python sees them.
QPair<qint64, qint64> pythonWatermarks(const QString &bootstrap, const QString &topic, int partition)
{
    static const QString code = QStringLiteral(R"PY(
import sys
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': 'kafkascope-watermarks'})
lo, hi = c.get_watermark_offsets(TopicPartition(sys.argv[2], int(sys.argv[3])), timeout=20)
print(lo, hi)
c.close()
)PY");
    const ProcessResult r = python(code, {bootstrap, topic, QString::number(partition)});
    const QStringList parts = QString::fromUtf8(r.out).trimmed().split(u' ');
    if (parts.size() != 2)
        return {-1, -1};
    return {parts[0].toLongLong(), parts[1].toLongLong()};
}

int kcatPartitionCount(const QString &bootstrap, const QString &topic)
{
    // The full listing: asking for one topic by name would auto-create it on this broker.
    const QJsonArray topics = kcatMetadata(bootstrap).object().value(u"topics").toArray();
    for (const QJsonValue &t : topics)
        if (t.toObject().value(u"topic").toString() == topic && !t.toObject().contains(u"error"))
            return int(t.toObject().value(u"partitions").toArray().size());
    return -1; // not there
}

void typeInto(QWidget *field, const QString &text)
{
    field->setFocus();
    if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        spin->selectAll();
    else if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
}

// On the indicator: a radio button's centre can lie outside its clickable text.
void clickRadio(QRadioButton *radio)
{
    QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(radio->iconSize().width() / 2 + 2, radio->height() / 2));
}

template<typename T>
T *child(QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}
} // namespace

class TestTopicManagementGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void createTopicThroughDialog();
    void addPartitionsRefusesDecreaseThenGrows();
    void editConfigKeepsOtherOverrides();
    void purgeMovesLowWatermark();
    void deleteNeedsTypedNameThenRemoves();
    void invalidInputIsNeverSent_data();
    void invalidInputIsNeverSent();
    void spinMessagesFollowTheValue_data();
    void spinMessagesFollowTheValue();
    void dottedNameSaysNothingAndNothingMoves();
    void brokerErrorsReachTheUser_data();
    void brokerErrorsReachTheUser();
    void demoClusterSaysWhatItCannotDo();

private:
    TopicsPanel *panel() const { return m_panel.get(); }
    QString m_bootstrap;
    ClusterManager m_clusters;
    ClusterSession *m_session = nullptr;
    std::unique_ptr<TopicsPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_topic;    // created through the dialog, used by the following steps
    QString m_existing; // created with python, for the duplicate/collision cases
};

void TestTopicManagementGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_existing = uniqueName(QStringLiteral("tmg.existing"));
    QVERIFY2(createTopic(m_bootstrap, m_existing, 1, &why), qPrintable(why));
    m_session = m_clusters.open(brokerProfile());
    m_session->setRefreshIntervalMs(1000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(m_existing) != nullptr, 20000);
    m_panel = std::make_unique<TopicsPanel>(m_session);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_panel->resize(1200, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTRY_VERIFY(m_panel->model()->rowOf(m_existing) >= 0);
    m_topic = uniqueName(QStringLiteral("tmg.created"));
}

void TestTopicManagementGui::cleanupTestCase()
{
    m_tester.reset();
    m_panel.reset();
    deleteTopic(m_bootstrap, m_existing);
}

void TestTopicManagementGui::createTopicThroughDialog()
{
    // Ctrl+N on the panel opens the dialog.
    panel()->view()->setFocus();
    QTest::keyClick(panel()->view(), Qt::Key_N, Qt::ControlModifier);
    auto *dialog = panel()->findChild<CreateTopicDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), m_topic);
    typeInto(child<QSpinBox>(dialog, "partitionsSpin"), QStringLiteral("7"));
    typeInto(child<QSpinBox>(dialog, "replicationSpin"), QStringLiteral("1"));
    QTest::keyClicks(child<QLineEdit>(dialog, "retentionMsEdit"), QStringLiteral("2h"));
    QVERIFY(child<QLabel>(dialog, "retentionMsMessage")->text().contains(QStringLiteral("7,200,000"))
            || child<QLabel>(dialog, "retentionMsMessage")->text().contains(QStringLiteral("7200000")));
    auto *cleanup = child<QComboBox>(dialog, "cleanupCombo");
    cleanup->setCurrentIndex(cleanup->findData(QStringLiteral("compact,delete")));
    QTest::keyClicks(child<QLineEdit>(dialog, "maxMessageBytesEdit"), QStringLiteral("2 MiB"));

    // Validate only first: the broker agrees and nothing is created.
    QTest::mouseClick(child<QPushButton>(dialog, "validateButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->resultText().startsWith(QStringLiteral("Validation passed")), 20000);
    QCOMPARE(kcatPartitionCount(m_bootstrap, m_topic), -1);

    QPointer<CreateTopicDialog> guard(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), 20000);

    QTRY_COMPARE_WITH_TIMEOUT(kcatPartitionCount(m_bootstrap, m_topic), 7, 20000);
    const QJsonObject overrides = pythonOverrides(m_bootstrap, m_topic);
    QCOMPARE(overrides.value(u"retention.ms").toString(), QStringLiteral("7200000"));
    QCOMPARE(overrides.value(u"cleanup.policy").toString(), QStringLiteral("compact,delete"));
    QCOMPARE(overrides.value(u"max.message.bytes").toString(), QStringLiteral("2097152"));

    // The panel follows: the new topic shows, selected, with its retention in human units.
    QTRY_VERIFY_WITH_TIMEOUT(panel()->model()->rowOf(m_topic) >= 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(panel()->currentTopic(), m_topic, 10000);
    const int row = panel()->model()->rowOf(m_topic);
    QCOMPARE(panel()->model()->index(row, TopicTableModel::Partitions).data().toInt(), 7);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->model()->index(panel()->model()->rowOf(m_topic), TopicTableModel::Retention)
                                 .data().toString().startsWith(QStringLiteral("2h")), 15000);
    QCOMPARE(panel()->partitionModel()->rowCount(), 7);
}

void TestTopicManagementGui::addPartitionsRefusesDecreaseThenGrows()
{
    QVERIFY(panel()->focusTopic(m_topic));
    auto *dialog = qobject_cast<AddPartitionsDialog *>(panel()->addPartitions());
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    const int before = panel()->admin()->requestCount();
    typeInto(child<QSpinBox>(dialog, "partitionsSpin"), QStringLiteral("5"));
    QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
    auto *message = child<QLabel>(dialog, "partitionsMessage");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("cannot remove partitions")), qPrintable(message->text()));
    QCOMPARE(panel()->admin()->requestCount(), before); // refused here, nothing sent
    QVERIFY(dialog->isVisible());

    typeInto(child<QSpinBox>(dialog, "partitionsSpin"), QStringLiteral("10"));
    QPointer<AddPartitionsDialog> guard(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(kcatPartitionCount(m_bootstrap, m_topic), 10, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(panel()->model()->index(panel()->model()->rowOf(m_topic), TopicTableModel::Partitions).data().toInt(),
                              10, 15000);
}

void TestTopicManagementGui::editConfigKeepsOtherOverrides()
{
    QVERIFY(panel()->focusTopic(m_topic));
    TopicConfigView *view = panel()->configView();
    QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(view->selectConfig(QStringLiteral("retention.ms")), 15000);

    // retention.ms 2h -> 3d through the editor, typed in human units.
    auto *editor = view->editSelected();
    QVERIFY(editor);
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    auto *value = child<QLineEdit>(editor, "valueEdit");
    QCOMPARE(value->text(), QStringLiteral("2h"));
    typeInto(value, QStringLiteral("3d"));
    QCOMPARE(editor->kafkaValue(), QStringLiteral("259200000"));
    QPointer<EditConfigDialog> guard(editor);
    QTest::mouseClick(child<QPushButton>(editor, "applyButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), 20000);
    QJsonObject overrides = pythonOverrides(m_bootstrap, m_topic);
    QCOMPARE(overrides.value(u"retention.ms").toString(), QStringLiteral("259200000"));
    QCOMPARE(overrides.value(u"cleanup.policy").toString(), QStringLiteral("compact,delete")); // survived
    QCOMPARE(overrides.value(u"max.message.bytes").toString(), QStringLiteral("2097152"));   // survived

    // A value the broker refuses: its message shows and the dialog keeps the input.
    QTRY_VERIFY_WITH_TIMEOUT(view->selectConfig(QStringLiteral("cleanup.policy")) && !view->isLoading(), 15000);
    QTRY_VERIFY(view->model()->entry(view->model()->rowOf(QStringLiteral("retention.ms"))).value == QStringLiteral("259200000"));
    QVERIFY(view->selectConfig(QStringLiteral("cleanup.policy")));
    editor = view->editSelected();
    QVERIFY(editor);
    typeInto(child<QLineEdit>(editor, "valueEdit"), QStringLiteral("shred"));
    QTest::mouseClick(child<QPushButton>(editor, "applyButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->resultText().contains(QStringLiteral("INVALID_CONFIG")), 20000);
    QVERIFY(editor->isVisible());
    QCOMPARE(child<QLineEdit>(editor, "valueEdit")->text(), QStringLiteral("shred"));
    editor->reject();

    // Reset cleanup.policy: that override goes, the others stay.
    QVERIFY(view->selectConfig(QStringLiteral("cleanup.policy")));
    QVERIFY(child<QPushButton>(view, "resetConfigButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(view, "resetConfigButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(view->statusText().contains(QStringLiteral("reset")), 20000);
    overrides = pythonOverrides(m_bootstrap, m_topic);
    QVERIFY2(!overrides.contains(u"cleanup.policy"), QJsonDocument(overrides).toJson().constData());
    QCOMPARE(overrides.value(u"retention.ms").toString(), QStringLiteral("259200000"));
    QCOMPARE(overrides.value(u"max.message.bytes").toString(), QStringLiteral("2097152"));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0 && view->model()->entry(view->model()->rowOf(QStringLiteral("cleanup.policy"))).source
                                 != ConfigEntry::Source::TopicOverride, 15000);
}

void TestTopicManagementGui::purgeMovesLowWatermark()
{
    // 30 records into partition 0, 10 into partition 1.
    QByteArray lines;
    for (int i = 0; i < 30; ++i)
        lines += "record-" + QByteArray::number(i) + '\n';
    QVERIFY(run(QStringLiteral("kcat"), {QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic,
                                         QStringLiteral("-p"), QStringLiteral("0")}, lines).ok());
    QVERIFY(run(QStringLiteral("kcat"), {QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"), m_topic,
                                         QStringLiteral("-p"), QStringLiteral("1")}, lines.left(lines.indexOf("record-10")))
                .ok());
    QCOMPARE(pythonWatermarks(m_bootstrap, m_topic, 0), qMakePair(qint64(0), qint64(30)));

    QVERIFY(panel()->focusTopic(m_topic));
    auto *dialog = qobject_cast<PurgeDialog *>(panel()->purgeSelected());
    QVERIFY(dialog);
    const auto closer = qScopeGuard([guard = QPointer<PurgeDialog>(dialog)] {
        if (guard)
            guard->reject(); // a failed step must not leave a modal dialog over the panel
    });
    QTRY_VERIFY_WITH_TIMEOUT(dialog->watermarksLoaded(), 15000);
    auto *table = child<QTableWidget>(dialog, "partitionTable");
    QCOMPARE(table->item(0, PurgeDialog::HighCol)->text(), QStringLiteral("30"));
    child<QCheckBox>(dialog, "allPartitionsCheck")->setChecked(false);
    table->item(0, PurgeDialog::PartitionCol)->setCheckState(Qt::Checked);
    clickRadio(child<QRadioButton>(dialog, "beforeOffsetRadio"));
    auto *purge = child<QPushButton>(dialog, "purgeButton");
    QVERIFY(!purge->isEnabled()); // not before the user confirms
    child<QCheckBox>(dialog, "confirmCheck")->setChecked(true);

    // Beyond the log end: refused next to the field, nothing sent.
    const int before = panel()->admin()->requestCount();
    QTest::keyClicks(child<QLineEdit>(dialog, "offsetEdit"), QStringLiteral("31"));
    QTest::mouseClick(purge, Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, "offsetMessage")->text().contains(QStringLiteral("beyond the end")));
    QCOMPARE(panel()->admin()->requestCount(), before);

    typeInto(child<QLineEdit>(dialog, "offsetEdit"), QStringLiteral("12"));
    QTest::mouseClick(purge, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->resultText().startsWith(QStringLiteral("Records deleted")), 20000);
    QVERIFY(table->item(0, PurgeDialog::ResultCol)->text().contains(QStringLiteral("12")));
    QCOMPARE(pythonWatermarks(m_bootstrap, m_topic, 0), qMakePair(qint64(12), qint64(30)));
    QCOMPARE(pythonWatermarks(m_bootstrap, m_topic, 1), qMakePair(qint64(0), qint64(10))); // untouched

    // Everything in the whole topic.
    child<QCheckBox>(dialog, "allPartitionsCheck")->setChecked(true);
    clickRadio(child<QRadioButton>(dialog, "allRecordsRadio"));
    QVERIFY(child<QRadioButton>(dialog, "allRecordsRadio")->isChecked());
    QVERIFY(purge->isEnabled());
    QTest::mouseClick(purge, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(dialog->resultText().startsWith(QStringLiteral("Records deleted from 10")),
                              qPrintable(dialog->resultText()), 20000);
    QCOMPARE(pythonWatermarks(m_bootstrap, m_topic, 0), qMakePair(qint64(30), qint64(30)));
    QCOMPARE(pythonWatermarks(m_bootstrap, m_topic, 1), qMakePair(qint64(10), qint64(10)));
    // The table's approximate count follows.
    QTRY_COMPARE_WITH_TIMEOUT(panel()->model()->index(panel()->model()->rowOf(m_topic), TopicTableModel::Messages).data().toString(),
                              QStringLiteral("0"), 20000);
}

void TestTopicManagementGui::deleteNeedsTypedNameThenRemoves()
{
    QVERIFY(panel()->focusTopic(m_topic));
    panel()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel()));
    panel()->view()->setFocus();
    QTest::keyClick(panel()->view(), Qt::Key_Delete);
    auto *dialog = panel()->findChild<DeleteTopicsDialog *>();
    QVERIFY(dialog);
    auto *button = child<QPushButton>(dialog, "deleteButton");
    QVERIFY(!button->isEnabled());
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"), m_topic.left(m_topic.size() - 1));
    QVERIFY(!button->isEnabled());
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"), m_topic.right(1));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->resultLines().isEmpty() && !dialog->isBusy(), 20000);
    QCOMPARE(dialog->resultLines(), QStringList{m_topic + QStringLiteral(" — deleted")});
    QTRY_COMPARE_WITH_TIMEOUT(kcatPartitionCount(m_bootstrap, m_topic), -1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(panel()->model()->rowOf(m_topic), -1, 15000);
    dialog->accept();
}

void TestTopicManagementGui::invalidInputIsNeverSent_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("replication");
    QTest::addColumn<QString>("retention");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("extraKey");
    QTest::addColumn<QString>("extraValue");
    QTest::addColumn<QString>("messageLabel");
    QTest::addColumn<QString>("expected");

    const QString ok = QStringLiteral("tmg.valid-name");
    QTest::newRow("empty name") << QString() << 3 << 1 << QString() << QString() << QString() << QString() << "nameMessage" << "Enter a topic name";
    QTest::newRow("dot") << "." << 3 << 1 << QString() << QString() << QString() << QString() << "nameMessage" << "reserved";
    QTest::newRow("dot dot") << ".." << 3 << 1 << QString() << QString() << QString() << QString() << "nameMessage" << "reserved";
    QTest::newRow("space") << "bad name" << 3 << 1 << QString() << QString() << QString() << QString() << "nameMessage" << "a space";
    QTest::newRow("slash") << "a/b" << 3 << 1 << QString() << QString() << QString() << QString() << "nameMessage" << "'/'";
    QTest::newRow("non-ascii") << QStringLiteral("temp\u00e9rature") << 3 << 1 << QString() << QString() << QString() << QString()
                               << "nameMessage" << "only letters";
    QTest::newRow("250 chars") << QString(250, u'x') << 3 << 1 << QString() << QString() << QString() << QString() << "nameMessage"
                               << "at most 249";
    QTest::newRow("existing") << "@existing" << 3 << 1 << QString() << QString() << QString() << QString() << "nameMessage"
                              << "exists already";
    QTest::newRow("dot/underscore collision") << "@collision" << 3 << 1 << QString() << QString() << QString() << QString()
                                              << "nameMessage" << "collides";
    QTest::newRow("zero partitions") << ok << 0 << 1 << QString() << QString() << QString() << QString() << "partitionsMessage"
                                     << "at least one partition";
    QTest::newRow("rf above brokers") << ok << 3 << 2 << QString() << QString() << QString() << QString()
                                      << "replicationFactorMessage" << "the cluster has 1";
    QTest::newRow("rf zero") << ok << 3 << 0 << QString() << QString() << QString() << QString() << "replicationFactorMessage"
                             << "at least 1";
    QTest::newRow("bad duration") << ok << 3 << 1 << "2 fortnights" << QString() << QString() << QString() << "retentionMsMessage"
                                  << "not a duration";
    QTest::newRow("bad size") << ok << 3 << 1 << QString() << "lots" << QString() << QString() << "retentionBytesMessage"
                              << "not a size";
    QTest::newRow("config key twice") << ok << 3 << 1 << "2h" << QString() << "retention.ms" << "1000" << "configsMessage"
                                      << "editor above";
    QTest::newRow("bad config key") << ok << 3 << 1 << QString() << QString() << "Segment Bytes" << "1000" << "configsMessage"
                                    << "not a config name";
    QTest::newRow("config without value") << ok << 3 << 1 << QString() << QString() << "segment.ms" << QString() << "configsMessage"
                                          << "has no value";
}

void TestTopicManagementGui::invalidInputIsNeverSent()
{
    QFETCH(QString, name);
    QFETCH(int, partitions);
    QFETCH(int, replication);
    QFETCH(QString, retention);
    QFETCH(QString, size);
    QFETCH(QString, extraKey);
    QFETCH(QString, extraValue);
    QFETCH(QString, messageLabel);
    QFETCH(QString, expected);
    if (name == u"@existing")
        name = m_existing;
    else if (name == u"@collision")
        name = QString(m_existing).replace(u'.', u'_');

    auto *dialog = qobject_cast<CreateTopicDialog *>(panel()->newTopic());
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *nameEdit = child<QLineEdit>(dialog, "nameEdit");
    const bool ascii = std::all_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() < 128; });
    if (ascii)
        QTest::keyClicks(nameEdit, name);
    else
        nameEdit->insert(name); // QTest types ASCII only
    typeInto(child<QSpinBox>(dialog, "partitionsSpin"), QString::number(partitions));
    typeInto(child<QSpinBox>(dialog, "replicationSpin"), QString::number(replication));
    QTest::keyClicks(child<QLineEdit>(dialog, "retentionMsEdit"), retention);
    QTest::keyClicks(child<QLineEdit>(dialog, "retentionBytesEdit"), size);
    if (!extraKey.isEmpty())
        dialog->findChild<KeyValueTable *>()->addPair(extraKey, extraValue);

    const int before = panel()->admin()->requestCount();
    QTest::mouseClick(child<QPushButton>(dialog, "validateButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
    // A click submits at once (TopicAdmin counts a request as it starts it): nothing to wait for.
    QCOMPARE(panel()->admin()->requestCount(), before);
    QVERIFY(dialog->isVisible());
    auto *label = dialog->findChild<QLabel *>(messageLabel);
    QVERIFY(label);
    QVERIFY2(label->isVisible() && label->text().contains(expected), qPrintable(label->text()));
    QCOMPARE(nameEdit->text(), name.left(400)); // nothing typed is lost
    QCOMPARE(child<QLineEdit>(dialog, "retentionMsEdit")->text(), retention);
    dialog->reject();
}

void TestTopicManagementGui::spinMessagesFollowTheValue_data()
{
    QTest::addColumn<QString>("spin");
    QTest::addColumn<QStringList>("typed"); // one after the other, each replacing the last
    QTest::addColumn<QString>("messageLabel");
    QTest::addColumn<QString>("expected"); // empty: no message
    QTest::newRow("partitions 0 then -1") << "partitionsSpin" << QStringList{QStringLiteral("0"), QStringLiteral("-1")} << "partitionsMessage"
                                          << "at least one partition";
    QTest::newRow("partitions 0 then -") << "partitionsSpin" << QStringList{QStringLiteral("0"), QStringLiteral("-")} << "partitionsMessage" << "whole number";
    QTest::newRow("partitions 0 then nothing") << "partitionsSpin" << QStringList{QStringLiteral("0"), QStringLiteral("")} << "partitionsMessage"
                                               << "whole number";
    QTest::newRow("partitions 0 then 5") << "partitionsSpin" << QStringList{QStringLiteral("0"), QStringLiteral("5")} << "partitionsMessage" << "";
    QTest::newRow("replication 0 then -1") << "replicationSpin" << QStringList{QStringLiteral("0"), QStringLiteral("-1")} << "replicationFactorMessage"
                                           << "at least 1";
}

// What the issue saw: after "0" the message said so; typing "-1" showed 1 with the stale
// message, and Create made a 1-partition topic. The message is always the verdict on what
// the field shows, the field shows what was typed, and a value not typed is never sent.
void TestTopicManagementGui::spinMessagesFollowTheValue()
{
    QFETCH(QString, spin);
    QFETCH(QStringList, typed);
    QFETCH(QString, messageLabel);
    QFETCH(QString, expected);
    auto *dialog = qobject_cast<CreateTopicDialog *>(panel()->newTopic());
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), uniqueName(QStringLiteral("tmg.spin")));
    auto *box = child<QSpinBox>(dialog, spin.toLatin1().constData());
    for (const QString &t : typed)
        typeInto(box, t);
    QCOMPARE(box->text(), typed.last());
    auto *label = dialog->findChild<QLabel *>(messageLabel);
    QVERIFY(label);
    if (expected.isEmpty()) {
        QVERIFY2(label->text().isEmpty(), qPrintable(label->text()));
        dialog->reject();
        return;
    }
    QVERIFY2(label->isVisible() && label->text().contains(expected), qPrintable(label->text()));
    const int before = panel()->admin()->requestCount();
    QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(dialog, "validateButton"), Qt::LeftButton);
    // A click submits at once (TopicAdmin counts a request as it starts it): nothing to wait for.
    QCOMPARE(panel()->admin()->requestCount(), before);
    QVERIFY(dialog->isVisible());
    bool number = false;
    typed.last().toInt(&number);
    if (number) // a number typed stays; a half-typed one goes back to the last on leaving the field
        QCOMPARE(box->text(), typed.last());
    QVERIFY2(label->isVisible() && !label->text().isEmpty(), "the field lost its message");
    dialog->reject();
}

// A dotted name collides with nothing here: no warning, and typing it moves nothing below.
void TestTopicManagementGui::dottedNameSaysNothingAndNothingMoves()
{
    auto *dialog = qobject_cast<CreateTopicDialog *>(panel()->newTopic());
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *nameEdit = child<QLineEdit>(dialog, "nameEdit");
    auto *partitions = child<QSpinBox>(dialog, "partitionsSpin");
    auto *message = dialog->findChild<QLabel *>(QStringLiteral("nameMessage"));
    QVERIFY(message);
    // The reference position once the dialog's layout has run (a loaded machine may expose the
    // window before its first layout pass; one run read y 14 px early).
    dialog->layout()->activate();
    QApplication::processEvents();
    const int y = partitions->mapTo(dialog, QPoint()).y();
    for (QChar c : QStringLiteral("tmg.dotted_name.x")) {
        QTest::keyClick(nameEdit, c.toLatin1());
        QApplication::processEvents();
        QVERIFY2(message->text().isEmpty(), qPrintable(message->text()));
        QCOMPARE(partitions->mapTo(dialog, QPoint()).y(), y);
    }
    // A real collision still says so, in the same room.
    nameEdit->setText(QString(m_existing).replace(u'.', u'_'));
    QApplication::processEvents();
    QVERIFY2(message->text().contains(QStringLiteral("collides")), qPrintable(message->text()));
    QCOMPARE(partitions->mapTo(dialog, QPoint()).y(), y);
    dialog->reject();
}

void TestTopicManagementGui::brokerErrorsReachTheUser_data()
{
    QTest::addColumn<bool>("duplicate");
    QTest::addColumn<int>("replication");
    QTest::addColumn<bool>("validateOnly");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("hint");
    QTest::newRow("duplicate topic") << true << 1 << false << "TOPIC_ALREADY_EXISTS" << "choose another name";
    QTest::newRow("duplicate, validate only") << true << 1 << true << "TOPIC_ALREADY_EXISTS" << "choose another name";
    QTest::newRow("rf larger than brokers") << false << 3 << false << "INVALID_REPLICATION_FACTOR" << "live brokers";
    QTest::newRow("rf larger, validate only") << false << 3 << true << "INVALID_REPLICATION_FACTOR" << "live brokers";
}

void TestTopicManagementGui::brokerErrorsReachTheUser()
{
    QFETCH(bool, duplicate);
    QFETCH(int, replication);
    QFETCH(bool, validateOnly);
    QFETCH(QString, code);
    QFETCH(QString, hint);
    // A dialog that knows neither the topic list nor the broker count, as right after
    // connecting: only the broker can refuse.
    TopicAdmin admin(m_session);
    CreateTopicDialog dialog(&admin, 0, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString name = duplicate ? m_existing : uniqueName(QStringLiteral("tmg.refused"));
    QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), name);
    typeInto(child<QSpinBox>(&dialog, "partitionsSpin"), QStringLiteral("2"));
    typeInto(child<QSpinBox>(&dialog, "replicationSpin"), QString::number(replication));
    QTest::keyClicks(child<QLineEdit>(&dialog, "retentionMsEdit"), QStringLiteral("1d"));
    QTest::mouseClick(child<QPushButton>(&dialog, validateOnly ? "validateButton" : "createButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy() && dialog.resultText().contains(code), 20000);
    const QString text = dialog.resultText();
    QVERIFY2(text.contains(hint), qPrintable(text));
    if (duplicate) // the broker's own sentence, verbatim
        QVERIFY2(text.contains(QStringLiteral("Topic '%1' already exists.").arg(name)), qPrintable(text));
    else
        QVERIFY2(text.contains(QStringLiteral("only 1 broker(s) are registered")), qPrintable(text));
    QVERIFY(dialog.isVisible());
    QCOMPARE(child<QLineEdit>(&dialog, "nameEdit")->text(), name);
    QCOMPARE(child<QLineEdit>(&dialog, "retentionMsEdit")->text(), QStringLiteral("1d"));
    QCOMPARE(admin.requestCount(), 1);
}

void TestTopicManagementGui::demoClusterSaysWhatItCannotDo()
{
    DemoCluster demo;
    QString error;
    QVERIFY2(demo.start(100, &error), qPrintable(error));
    ConnectionProfile profile;
    profile.id = ConnectionProfile::newId();
    profile.name = QStringLiteral("demo");
    profile.demo = true;
    profile.bootstrapServers = demo.bootstrapServers();
    ClusterManager clusters;
    ClusterSession *session = clusters.open(profile);
    session->setRefreshIntervalMs(1000);
    TopicsPanel demoPanel(session, QStringLiteral("tb.telemetry"));
    QAbstractItemModelTester tester(demoPanel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    demoPanel.show();
    QTRY_COMPARE_WITH_TIMEOUT(demoPanel.model()->rowCount(), int(std::size(DemoCluster::kTopics)), 20000);
    QTRY_COMPARE(demoPanel.currentTopic(), QStringLiteral("tb.telemetry")); // opened from the sidebar
    auto *notice = child<QLabel>(&demoPanel, "unsupportedLabel");
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("cannot create, delete or alter topics")));
    for (const char *action : {"newTopicAction", "deleteTopicAction", "addPartitionsAction", "purgeAction"})
        QVERIFY2(!child<QAction>(&demoPanel, action)->isEnabled(), action);
    QVERIFY(demoPanel.newTopic() == nullptr);
    QVERIFY(child<QLabel>(&demoPanel, "configStatus")->text().contains(QStringLiteral("demo cluster")));
    // What metadata and watermarks can tell works on the demo too: devices keep producing.
    const int row = demoPanel.model()->rowOf(QStringLiteral("tb.telemetry"));
    QCOMPARE(demoPanel.model()->index(row, TopicTableModel::Partitions).data().toInt(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(demoPanel.model()->index(row, TopicTableModel::Messages).data(TopicTableModel::SortRole).toLongLong() > 0,
                             20000);
    QCOMPARE(demoPanel.partitionModel()->rowCount(), 6);
    // A direct call still answers plainly instead of pretending.
    const QFuture<AdminResult> f = demoPanel.admin()->deleteTopics({QStringLiteral("alarms")});
    QTRY_VERIFY(f.isFinished()); // never block: continuations run on this thread
    const AdminResult r = f.result();
    QCOMPARE(r.error.code, QStringLiteral("UNSUPPORTED_FEATURE"));
    QVERIFY(r.failureText().contains(QStringLiteral("demo cluster")));
}

KAFKASCOPE_GUI_TEST_MAIN(TestTopicManagementGui)
#include "tst_topic_management_gui.moc"
