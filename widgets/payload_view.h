#pragma once
// Bytes shown as text, as pretty foldable JSON, or as a hex dump, with a copy button.
// "Auto" picks hex for binary, JSON when the bytes look like JSON, text otherwise. Any size
// shows at once: text and hex lay out only the rows on screen, and a large document is
// parsed and folded on a worker (capped, with "Show all") while its raw text shows.

#include <QFutureWatcher>
#include <QWidget>

#include "json_tree_view.h"

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class LazyTextView;

class PayloadView : public QWidget
{
    Q_OBJECT
public:
    enum Mode { Auto, Text, Json, Hex };
    // Below this size JSON is folded at once; above, on a worker, at most kTreeCap items first.
    static constexpr qsizetype kSyncJsonBytes = 64 * 1024;
    static constexpr qsizetype kTreeCap = 5000;

    explicit PayloadView(QWidget *parent = nullptr);
    void setBytes(const QByteArray &bytes, bool isNull = false);
    void clear(); // nothing shown, not even "null": no message is selected
    const QByteArray &bytes() const { return m_bytes; }
    // What the page shows now (Auto resolved; JSON that does not fold shows as Text).
    Mode shownMode() const { return m_shown; }
    void setMode(Mode mode);
    QString shownText() const; // what Copy puts on the clipboard
    QString infoText() const;  // size, kind, and the JSON verdict beside the view
    bool isBinary() const { return m_binary; }
    bool jsonPending() const { return m_jsonState == JsonState::Pending; } // until its result is shown
    void showAllJson(); // the whole tree, built on a worker

private:
    enum class JsonState { Unknown, Pending, Folded };
    void refresh();
    const QString &decoded(); // the bytes as text, decoded on first use
    void startFold(qsizetype cap);
    void foldFinished();
    QComboBox *m_mode;
    QLabel *m_info;
    QPushButton *m_showAll;
    QStackedWidget *m_stack;
    LazyTextView *m_text;
    JsonTreeView *m_json;
    LazyTextView *m_hex;
    QByteArray m_bytes;
    QString m_decoded; // the bytes as UTF-8 text, decoded once when first needed
    bool m_decodedReady = false;
    bool m_textFilled = false;
    bool m_null = false;
    bool m_utf8 = true;
    bool m_binary = false;
    bool m_looksJson = false;
    Mode m_shown = Text;
    bool m_hexFilled = false;
    JsonState m_jsonState = JsonState::Unknown;
    JsonFold m_fold;
    bool m_treeShown = false;
    quint64 m_generation = 0; // bumped by setBytes: a fold of older bytes is dropped
    quint64 m_foldGeneration = 0;
    QFutureWatcher<JsonFold> m_jsonWatcher;
};
