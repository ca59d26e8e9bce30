# واجهة سند بالعربية. لكل مفتاح هنا نظيره في ../en/sanad.ftl بالمتغيرات ($) نفسها (tests/i18n.rs).
# صيغ الجمع الست (zero, one, two, few, many, other) وفق قواعد CLDR للعربية.

## الأشهر (التواريخ مخزّنة بالتوقيت العالمي المنسّق UTC)
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
date-time = { $day } { $month } { $year }، الساعة { $time } (UTC)

## القوائم
menu-file = ملف
menu-edit = تحرير
menu-help = مساعدة
menu-open-folder = فتح مجلد…
menu-open-project = فتح مشروع…
menu-export = تصدير…
menu-import-annotations = استيراد التوسيمات…
menu-import-annotations-hover = ملفات brat أو doccano أو Label Studio أو WebAnno TSV أو CoNLL أو Sanad JSONL؛ ويُلغى الاستيراد كله بتراجع واحد
menu-merge-projects = دمج المشاريع…
menu-merge-projects-hover = أدخِل مشروع أحد الموسِّمين في هذا المشروع (تُطابَق الوثائق بنصها، وتبقى كل توسيمة باسم صاحبها)؛ ويُلغى الدمج كله بتراجع واحد
menu-apply-gazetteer = تطبيق معجم الأسماء…
menu-apply-gazetteer-hover = قائمة بأسماء معروفة (CSV أو TSV أو RON): يقترحها سند حيثما وردت في النصوص؛ ويُلغى ذلك بتراجع واحد
menu-include-history = تضمين سجل التعديلات في التصدير
menu-save-copy = حفظ نسخة…
menu-save-copy-hover = نسخة متّسقة من المشروع كله، آمنة أثناء العمل
menu-quit = خروج
menu-undo = تراجع
menu-redo = إعادة
menu-delete-annotation = حذف التوسيم
menu-add-relation = إضافة علاقة…
menu-settings = الإعدادات…
menu-shortcuts = اختصارات لوحة المفاتيح

## شريط الحالة
status-importing = جارٍ الاستيراد { $done }/{ $total }
status-project = المشروع: { $path }
status-documents = { $n ->
    [zero] لا مستندات
    [one] مستند واحد
    [two] مستندان
    [few] { $n } مستندات
    [many] { $n } مستندًا
   *[other] { $n } مستند
}: { $todo } للإنجاز · { $progress } قيد العمل · { $done } منجَز
status-annotator-unset = الموسِّم: لم يُحدَّد بعد
status-annotator = الموسِّم: { $name }
status-no-project = لا مشروع مفتوح
status-selected = التحديد { $range }:
selection-readout = { $n ->
    [zero] لا أحرف
    [one] حرف واحد
    [two] حرفان
    [few] { $n } أحرف
    [many] { $n } حرفًا
   *[other] { $n } حرف
} · [{ $start }، { $end })
selected-text-a11y = النص المحدَّد { $text }

## حالات المستند
doc-status-todo = للإنجاز
doc-status-in-progress = قيد العمل
doc-status-done = منجَز

## قائمة المستندات
documents-heading = المستندات
documents-shown = المعروض
documents-all = الكل
documents-override = ⚠ تجاوز اتجاه
documents-undrawable = ⚠ { $n ->
    [zero] لا أحرف يتعذّر عرضها
    [one] حرف واحد يتعذّر عرضه
    [two] حرفان يتعذّر عرضهما
    [few] { $n } أحرف يتعذّر عرضها
    [many] { $n } حرفًا يتعذّر عرضها
   *[other] { $n } حرف يتعذّر عرضها
}
documents-override-hover = يحوي علامة تجاوز للاتجاه (U+202D/U+202E): قد يُعرض على غير ما يقوله فعلًا.
documents-none-with-status = لا مستند حالته «{ $status }» (من أصل { $n }). اجعل «المعروض» على «الكل».
report-not-imported = لم يُستورَد من { $from }:
report-missing = { $name } — لم يعد في المجلد؛ أُبقيت النسخة المستورَدة
report-changed = { $name } — تغيّر على القرص منذ الاستيراد؛ أُبقي النص المستورَد وتوسيماته
report-sample = المدوّنة التجريبية
unresolved-add = أضفها إلى المخطط ثم استورد
unresolved-skip = استورد دون تلك التوسيمات
annotations-from = التوسيمات المستورَدة من { $from }:

## لوحة التفاصيل
inspector-labels = الوسوم
inspector-annotations = التوسيمات
inspector-no-document = لا مستند مفتوح.
inspector-none-yet = لا توسيمات بعد: اسحب المؤشر فوق النص، ثم اضغط ١–٤ أو انقر وسمًا.
inspector-range-hover = [{ $start }، { $end }) بالأحرف
inspector-line = س{ $line }
inspector-line-hover = السطر { $line } من المستند
inspector-annotation-a11y = توسيم { $label } { $text }
inspector-click-highlight = انقر مقطعًا مظلَّلًا لعرض سماته وملاحظته وكيانه وعلاقاته وتحريرها.
inspector-selected-text-a11y = نص التوسيم المحدَّد
inspector-start-minus = البداية -١
inspector-start-plus = البداية +١
inspector-end-minus = النهاية -١
inspector-end-plus = النهاية +١
inspector-not-in-scheme = { $name }: { $value } (ليست في مخطط الوسم { $label })
inspector-note = ملاحظة:
inspector-note-hint = نص حرّ بأي لغة
inspector-entity = الكيان:
inspector-linked-entity-a11y = الكيان المربوط { $name }
inspector-open-entity-hover = انقر لفتح لوحة الكيان
inspector-entity-none = لا شيء
inspector-unlink = فكّ الربط
inspector-create-entity = إنشاء كيان من هذا الذِّكر
inspector-link-entity = الربط بكيان:
inspector-link-entity-hint = الربط بكيان: ابحث في الأسماء والأسماء البديلة
inspector-no-entity-match = لا كيان يطابق «{ $query }» في اسمه أو أسمائه البديلة. لا تتطابق الأسماء إلا بالخط الذي كُتبت به: أضف اسمًا بديلًا بالحروف اللاتينية لتجد به اسمًا عربيًا.
inspector-link-to-a11y = الربط بـ{ $name }
inspector-relations = العلاقات:
inspector-click-target = انقر الهدف…
inspector-add-relation = إضافة (R)
inspector-delete = حذف
inspector-delete-relation-hover = حذف هذه العلاقة
inspector-related-a11y = مرتبط بـ{ $text }
inspector-history = السجل

## اللوحة الوسطى
central-importing = جارٍ استيراد { $what } …
central-dismiss = إغلاق
central-no-project = لا مشروع مفتوح
central-open-hint = افتح مجلدًا فيه مستندات ‎.txt لتبدأ التوسيم.
central-open-folder = فتح مجلد…
central-open-project = فتح مشروع…
central-no-documents = لا مستندات في هذا المشروع
central-no-documents-hint = افتح مجلدًا يحوي ملفات ‎.txt.
central-pick-document = اختر مستندًا من القائمة.
central-direction = اتجاه الفقرات:
central-direction-auto = تلقائي
central-direction-rtl = من اليمين إلى اليسار
central-direction-ltr = من اليسار إلى اليمين
central-show-invisible = إظهار المحارف الخفية
central-status = الحالة
central-encoding-guessed = ⚠ ترميز مُخمَّن: { $encoding }
central-encoding = الترميز: { $encoding }
central-redecode-as = أعد فكّ ترميز الملف المصدر بوصفه:
central-encoding-hover = كيف صارت بايتات الملف هذا النص. قد يخطئ تخمين الترميز في الملفات القصيرة؛ اختر ترميزًا آخر لإعادة فكّ الملف (قبل أن يُوسَم المستند فقط؛ ويتراجع عنه Ctrl+Z).
central-doc-note = ملاحظة المستند
central-doc-note-written = ملاحظة المستند (مكتوبة)
central-doc-note-label = ملاحظة عن هذا المستند:
central-copied = { $n ->
    [zero] لم يُنسخ أي حرف
    [one] نُسخ حرف واحد
    [two] نُسخ حرفان
    [few] نُسخت { $n } أحرف
    [many] نُسخ { $n } حرفًا
   *[other] نُسخ { $n } حرف
}
welcome-sample = أهلًا بك في سند. تضم هذه المدوّنة التجريبية ثلاثة نصوص قصيرة: اسحب المؤشر فوق اسم، واضغط رقمًا (١–٤) لتوسمه، وستراه في لوحة التفاصيل. ويتراجع Ctrl+Z عن أي خطوة.

## رسائل الحالة
msg-no-folder = لم يُختر مجلد. { msg-no-dialog }
msg-no-project = لم يُختر مشروع. { msg-no-dialog }
msg-no-copy = لم تُحفظ نسخة. { msg-no-dialog } (`sanad backup PROJECT OUT.sanad`)
msg-no-scheme-export = لم يُصدَّر المخطط. { msg-no-dialog }
msg-no-scheme = لم يُختر مخطط. { msg-no-dialog }
msg-no-dialog = إن لم تظهر نافذة الاختيار، فليس على سطح المكتب هذا خدمة لنوافذ الملفات (XDG desktop portal) ولا zenity ولا kdialog: ثبّت أحدها، أو استعمل سطر الأوامر.
msg-exported = { $n ->
    [zero] لم يُصدَّر أي مستند
    [one] صُدِّر مستند واحد
    [two] صُدِّر مستندان
    [few] صُدِّرت { $n } مستندات
    [many] صُدِّر { $n } مستندًا
   *[other] صُدِّر { $n } مستند
} إلى { $path }
msg-exported-warnings = { $n ->
    [zero] لم يُصدَّر أي مستند
    [one] صُدِّر مستند واحد
    [two] صُدِّر مستندان
    [few] صُدِّرت { $n } مستندات
    [many] صُدِّر { $n } مستندًا
   *[other] صُدِّر { $n } مستند
} إلى { $path } مع { $w ->
    [zero] لا تحذيرات
    [one] تحذير واحد
    [two] تحذيرين
    [few] { $w } تحذيرات
    [many] { $w } تحذيرًا
   *[other] { $w } تحذير
}: { $list }
msg-export-failed = فشل التصدير ({ $error }): { $path }
msg-copy-saved = حُفظت نسخة من المشروع في { $path }
msg-copy-failed = لم تُحفظ نسخة: { $error }
msg-scheme-exported = صُدِّر المخطط إلى { $path }
msg-scheme-export-failed = تعذّر تصدير المخطط ({ $error }): { $path }
msg-scheme-merged = دُمج المخطط من { $path }
msg-scheme-read-failed = تعذّرت قراءة المخطط ({ $error }): { $path }
msg-selected-annotation = حُدِّد التوسيم { $id }: رقمٌ يغيّر وسمه، وDelete يحذفه، وR يبدأ علاقة
msg-only-spaces = لا يحوي التحديد إلا مسافات؛ لم يُوسَم شيء
msg-select-first = حدّد نصًا أولًا (اسحب المؤشر فوقه)، ثم اضغط مفتاح وسم.
msg-relation-from = علاقة من هذا الـ{ $label }: انقر التوسيم الهدف (Esc للإلغاء)
msg-select-annotation-first = حدّد توسيمًا أولًا (انقره)، ثم اضغط R.
msg-relation-same = تحتاج العلاقة إلى توسيمين مختلفين
msg-relation-none = لا نوع علاقة في هذا المخطط يصل { $head } بـ{ $child }
msg-entity-created = أُنشئ الكيان «{ $name }» ورُبط به هذا الذِّكر
msg-no-mention = لا ذِكر مربوطًا بهذا الكيان بعد.
msg-annotator-empty = لا يجوز أن يكون اسم الموسِّم فارغًا.
msg-recorded-as = تُسجَّل التعديلات باسم { $name }
msg-keep-spaces-on = تحتفظ المقاطع الجديدة بالمسافات عند طرفيها
msg-keep-spaces-off = تُحذف المسافات والعلامات الخفية من طرفي المقاطع الجديدة
msg-relation-cancelled = أُلغيت العلاقة
msg-linked-kind = رُبط، ولكن انتبه: الكيان من نوع { $kind } وهذا الذِّكر موسوم { $label }
msg-undone = تمّ التراجع
msg-undone-what = تراجع عن: { $what }
msg-redone-what = أُعيد: { $what }
msg-opened = فُتح { $path }
msg-verify-failed = لم يجتز هذا المشروع التحقق: غُيّر سجلّه أو نصوصه خارج سند ({ $problems }). شغّل «sanad verify» على ملف المشروع لمعرفة التفاصيل.
msg-verify-row = صف السجل { $id } ({ $action }، { $actor }) يكسر سلسلة التجزئة في السجل
msg-verify-head = ينتهي السجل قبل آخر تغيير سجّله المشروع (حُذفت تغييرات من نهايته)
msg-verify-documents = مستندات تغيّر نصّها ({ $count }): { $names }
msg-verify-separator = ؛{" "}
msg-language = لغة الواجهة: العربية

## ما فعلته كل خطوة (في شريط الحالة، وبعد «تراجع عن:» و«أُعيد:»)
did-label = وُسم [{ $start }، { $end }) بـ{ $label }
did-label-many = { $n ->
    [zero] لم يُوسَم أي مقطع
    [one] وُسم مقطع واحد
    [two] وُسم مقطعان
    [few] وُسمت { $n } مقاطع
    [many] وُسم { $n } مقطعًا
   *[other] وُسم { $n } مقطع
} بـ{ $label }
did-delete-annotation = حُذف التوسيم { $id }
did-relabel = غُيّر وسم التوسيم { $id } إلى { $label }
did-direction = ضُبط اتجاه الفقرات على { $direction }
did-status = ضُبطت الحالة على { $status }
did-add-relation = أُضيفت العلاقة { $relation }
did-set-attribute = ضُبطت السمة { $name } = { $value }
did-clear-attribute = مُسحت السمة { $name }
did-link-entity = رُبط بالكيان { $id }
did-rename-label = أُعيدت تسمية الوسم إلى { $name }
did-create-entity = أُنشئ الكيان «{ $name }»
did-edit-entity = حُفظ الكيان «{ $name }» { $n ->
    [zero] بلا أسماء بديلة
    [one] باسم بديل واحد
    [two] باسمين بديلين
    [few] بـ{ $n } أسماء بديلة
    [many] بـ{ $n } اسمًا بديلًا
   *[other] بـ{ $n } اسم بديل
}
did-merge-entities = دُمج الكيان { $merged } في الكيان { $survivor }
did-split-entity = فُصل الذِّكر في كيان جديد «{ $name }»
did-delete-entity = حُذف الكيان { $id }؛ وبقيت مقاطع أذكاره
did-note = حُفظت الملاحظة
did-document-note = حُفظت ملاحظة المستند
did-resize = نُقل المقطع إلى [{ $start }، { $end })
did-delete-relation = حُذفت علاقة
did-unlink-entity = فُكّ ربط الكيان

## النوافذ
ask-name-title = من يُوسِّم؟
ask-name-why = يُكتب اسمك في سجل التدقيق مع كل تعديل تجريه.
ask-name-hint = اسمك
ask-name-ok = موافق
ask-name-empty = اكتب اسمًا أولًا: لا يجوز أن يكون فارغًا.
shortcuts-title = اختصارات لوحة المفاتيح
relation-type-title = نوع العلاقة
relation-type-which = يصلح هنا أكثر من نوع علاقة. أيّها تختار؟
cancel = إلغاء
delete-label-title = حذف الوسم؟
delete-label-text = { $n ->
    [zero] لا توسيمات تحت { $name }
    [one] تحت { $name } توسيم واحد
    [two] تحت { $name } توسيمان
    [few] تحت { $name } { $n } توسيمات
    [many] تحت { $name } { $n } توسيمًا
   *[other] تحت { $name } { $n } توسيم
}. حذف الوسم يحذفها معه (ويعيدها كلها Ctrl+Z).
delete-label-button = { $n ->
    [zero] احذف { $name }
    [one] احذف { $name } وتوسيمًا واحدًا
    [two] احذف { $name } وتوسيمين
    [few] احذف { $name } و{ $n } توسيمات
    [many] احذف { $name } و{ $n } توسيمًا
   *[other] احذف { $name } و{ $n } توسيم
}
delete-label-keep = أبقِه

## الإعدادات
settings-title = الإعدادات
settings-language = اللغة
settings-language-label = لغة الواجهة:
settings-digits = الأرقام:
settings-digits-western = غربية (0123)
settings-digits-arabic = هندية عربية (٠١٢٣)
settings-annotator = الموسِّم
settings-save-name = حفظ الاسم
settings-selecting = التحديد والتوسيم
settings-snap = السحب يحدّد كلمات كاملة (اضغط Alt أثناء السحب لتحديد حرف حرف)
settings-mark-in-progress = يصير المستند «قيد العمل» عند أول توسيم فيه إن كان «للإنجاز»
settings-keep-spaces = الإبقاء على المسافات عند طرفي المقطع
settings-keep-spaces-hover = عند إيقافه (الافتراضي): يفقد المقطع الجديد المسافات وعلامات الاتجاه الخفية عند طرفيه، فيُخزَّن "المعتقل " على أنه "المعتقل". ويحذّر التصدير من أي مقطع بقيت فيه.
settings-labels = الوسوم
settings-open-project = افتح مشروعًا لتحرير وسومه.
settings-name = الاسم
settings-colour = اللون
settings-apply = تطبيق
settings-delete = حذف…
settings-new-label = وسم جديد:
settings-new-label-hint = الاسم
settings-key-hint = مفتاح
settings-add-label = إضافة وسم
settings-export-scheme = تصدير المخطط…
settings-import-scheme = استيراد المخطط…

## البحث
search-menu = بحث
search-find-document = البحث في المستند…
search-find-project = البحث في المشروع…
search-next = النتيجة التالية
search-previous = النتيجة السابقة
search-label-all = وسم كل النتائج…
search-match-at = نتيجة [{ $start }، { $end })
search-nothing-ticked = لم يُؤشَّر شيء: لم يُوسَم شيء
search-count = { $n ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $n } نتائج
    [many] { $n } نتيجةً
   *[other] { $n } نتيجة
} في { $d ->
    [zero] لا مستندات
    [one] مستند واحد
    [two] مستندين
    [few] { $d } مستندات
    [many] { $d } مستندًا
   *[other] { $d } مستند
}
search-no-match = لا نتائج
search-match-of = النتيجة { $i } من { $n }
search-add-label-first = أضف وسمًا أولًا
search-no-match-to-label = لا نتائج لوسمها
search-find-in-project = البحث في المشروع:
search-find = بحث:
search-hint = نص، أو تعبير نمطي
search-field-hover = Enter: النتيجة التالية، Shift+Enter: السابقة
search-query-a11y = عبارة البحث
search-scope-document = المستند
search-scope-project = المشروع
search-mode = الطريقة
search-mode-substring = جزء من كلمة
search-mode-word = كلمة كاملة
search-mode-clitics = كلمة مع السوابق
search-mode-regex = تعبير نمطي
search-arabic-aware = مراعاة العربية ▾
search-fold-harakat = تجاهل الحركات وعلامات المصحف
search-fold-tatweel = تجاهل التطويل ـ
search-fold-persian = الفارسية ی ک = ي ك
search-fold-case = تجاهل حالة الأحرف اللاتينية
search-fold-presentation = أشكال العرض (نصوص PDF)
search-fold-all-off = إيقاف الكل (مطابقة تامة)
search-fold-defaults = الإعدادات الافتراضية
search-previous-hover = النتيجة السابقة (Shift+F3)
search-next-hover = النتيجة التالية (F3)
search-label-all-button = وسم الكل…
search-label-all-hover = وسم كل النتائج (Ctrl+Shift+L)
search-close-hover = إغلاق شريط البحث
search-results = نتائج البحث
search-match-a11y = نتيجة { $doc } [{ $start }، { $end }) { $text }
label-all-title = وسم كل النتائج
label-all-as = وسم النتائج المؤشَّرة بـ
label-all-label = الوسم
label-all-summary = { $n ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $n } نتائج
    [many] { $n } نتيجةً
   *[other] { $n } نتيجة
}؛ منها { $already } موسومة { $label } من قبل (تُتخطّى)
label-all-already = موسومة من قبل: تُتخطّى
label-all-row-a11y = وسم { $doc } [{ $start }، { $end })
label-all-apply = وسم { $n }
label-all-apply-hover = خطوة واحدة: تراجع واحد يزيلها كلها (Ctrl+Shift+L)

## الاقتراحات (معجم الأسماء)
sugg-no-gazetteer = لم يُختر معجم أسماء. { msg-no-dialog } (`sanad suggest PROJECT --gazetteer FILE`)
sugg-selected = اقتراح { $label } [{ $start }، { $end }) من { $source }: Enter أو A يقبله، وX يرفضه
sugg-gazetteer-report = معجم الأسماء { $name }: { $report }
sugg-none-selected = لا اقتراح محدَّدًا: انقر مقطعًا منقَّطًا أو صفًّا من قائمة الاقتراحات
sugg-accepted = { $n ->
    [zero] لم يُقبل أي اقتراح
    [one] قُبل اقتراح واحد
    [two] قُبل اقتراحان
    [few] قُبلت { $n } اقتراحات
    [many] قُبل { $n } اقتراحًا
   *[other] قُبل { $n } اقتراح
} وصارت توسيمات
sugg-rejected = { $n ->
    [zero] لم يُرفض أي اقتراح
    [one] رُفض اقتراح واحد
    [two] رُفض اقتراحان
    [few] رُفضت { $n } اقتراحات
    [many] رُفض { $n } اقتراحًا
   *[other] رُفض { $n } اقتراح
}
sugg-heading = الاقتراحات ({ $n })
sugg-explain = منقَّطة في النص؛ ولا تصير توسيمات حتى تُقبل.
sugg-accept-all = قبول الكل
sugg-accept-all-hover = قبول كل اقتراحات هذا المستند (بخطوة تراجع واحدة)
sugg-reject-all = رفض الكل
sugg-reject-all-hover = رفض كل اقتراحات هذا المستند (بخطوة تراجع واحدة)
sugg-accept = قبول
sugg-reject = رفض
sugg-accept-name = قبول هذا الاسم في كل مكان
sugg-accept-name-hover = قبول كل اقتراحات اسم الاقتراح المحدَّد، في كل المستندات
sugg-reject-name = رفض هذا الاسم في كل مكان
sugg-row-a11y = اقتراح { $label } [{ $start }، { $end }) { $text }

## الكيانات
ent-heading = الكيانات
ent-none-yet = لا كيانات بعد: حدّد ذِكرًا واستعمل «إنشاء كيان» في لوحة التفاصيل.
ent-find = البحث عن كيان:
ent-find-hint = اسم أو اسم بديل، بأي خط
ent-no-match = لا كيان يحوي هذا في اسمه أو أسمائه البديلة.
ent-row-a11y = كيان { $name }
ent-row-hover = انقر لفتح لوحة الكيان (الأذكار، إعادة التسمية، الأسماء البديلة، الدمج، الفصل، الحذف)
ent-row-hover-aliases = ويُعرف أيضًا بـ: { $aliases }
    انقر لفتح لوحة الكيان (الأذكار، إعادة التسمية، الأسماء البديلة، الدمج، الفصل، الحذف)
ent-title = الكيان
ent-name-a11y = اسم الكيان { $name }
ent-summary = { $kind } · { $m ->
    [zero] لا أذكار
    [one] ذِكر واحد
    [two] ذِكران
    [few] { $m } أذكار
    [many] { $m } ذِكرًا
   *[other] { $m } ذِكر
} · { $a ->
    [zero] لا أسماء بديلة
    [one] اسم بديل واحد
    [two] اسمان بديلان
    [few] { $a } أسماء بديلة
    [many] { $a } اسمًا بديلًا
   *[other] { $a } اسم بديل
}
ent-name = الاسم:
ent-name-hint = اسم الكيان
ent-rename = إعادة التسمية
ent-aliases = الأسماء البديلة (بأي خط؛ والبحث يجد الكيان بكل منها):
ent-remove-alias-hover = إزالة هذا الاسم البديل
ent-alias-a11y = اسم بديل { $alias }
ent-new-alias = اسم بديل جديد:
ent-new-alias-hint = اسم آخر، بالحروف اللاتينية مثلًا
ent-add-alias = إضافة اسم بديل
ent-merge-with = الدمج مع:
ent-chosen-a11y = الكيان المختار { $name }
ent-merge-explain = يأخذ الكيان الباقي كل الأذكار، ويصير اسم الآخر وأسماؤه البديلة أسماءً بديلة له ({ $a } + { $b } من الأذكار). ويتراجع عنه Ctrl+Z واحد.
ent-keep-this = إبقاء هذا
ent-keep-this-hover = دمج الكيان المختار في هذا الكيان
ent-keep-chosen = إبقاء المختار
ent-keep-chosen-hover = دمج هذا الكيان في الكيان المختار
ent-merge-hint = ابحث عن الكيان المراد الدمج معه: اسم أو اسم بديل
ent-no-other = لا كيان آخر يطابق.
ent-merge-a11y = الدمج مع { $name }
ent-merge-hover = { $kind } · { $m ->
    [zero] لا أذكار
    [one] ذِكر واحد
    [two] ذِكران
    [few] { $m } أذكار
    [many] { $m } ذِكرًا
   *[other] { $m } ذِكر
}
ent-delete-confirm = أتحذف هذا الكيان؟ { $m ->
    [zero] لا أذكار له
    [one] يبقى ذِكره الوحيد بمقطعه ووسمه
    [two] يبقى ذِكراه بمقطعيهما ووسميهما
    [few] تبقى أذكاره الـ{ $m } بمقاطعها ووسومها
    [many] تبقى أذكاره الـ{ $m } بمقاطعها ووسومها
   *[other] تبقى أذكاره الـ{ $m } بمقاطعها ووسومها
} ويزول الربط. ويعيده Ctrl+Z.
ent-delete = حذف الكيان
ent-delete-ask = حذف…
ent-mentions = الأذكار ({ $n })
ent-next-mention = الذِّكر التالي
ent-next-mention-hover = فتح الذِّكر التالي، في أي مستند (ومرة أخرى: الذي يليه)
ent-no-mentions = لا أذكار: حدّد توسيمًا واربطه من لوحة التفاصيل.
ent-mention-hover = { $label } · بالأحرف
ent-split = فصل
ent-split-hover = فكّ ربط هذا الذِّكر وجعله كيانًا جديدًا من النوع نفسه، يُسمّى بنصه
ent-mention-a11y = ذِكر { $doc } [{ $start }، { $end }) { $text }

## إعادة فكّ ترميز مستند
redecode-unknown = ترميز غير معروف «{ $label }»
redecode-no-folder = لا يسجّل هذا المشروع مجلدًا مصدرًا يُقرأ منه الملف
redecode-unreadable = تعذّرت قراءة الملف المصدر مجددًا ({ $error }): { $path }
redecode-changed = تغيّرت بايتات الملف المصدر منذ الاستيراد؛ لم يُعَد فكّ ترميزه: { $path }
redecode-failed = تعذّر فكّ الترميز بوصفه { $encoding } ({ $error }): { $path }
view-undrawable = U+{ $code }: لا خط يستطيع رسم هذا الحرف

## حدود مقطع بالأحرف، [البداية، النهاية)
range = [{ $start }، { $end })

## View menu (reading comfort)
view-menu = عرض
view-zoom-in = تكبير
view-zoom-out = تصغير
view-zoom-reset = الحجم الفعلي (100 %)
view-theme-system = حسب النظام
view-theme-light = فاتح
view-theme-dark = داكن
view-focus-controls = نقل التركيز إلى عناصر التحكم
view-reading-settings = إعدادات القراءة…
menu-import-as-suggestions = استيرادها اقتراحاتٍ
menu-import-as-suggestions-hover = استيراد المقاطع اقتراحاتٍ تُقبل أو تُرفض (توسيمات مسبقة من نموذج)؛ أما العلاقات والسمات والملاحظات فتُذكر في التقرير ولا تُستورد

## نافذة التصدير (ملف ← تصدير…)
export-title = تصدير
export-format = الصيغة
export-format-jsonl = سند JSONL
export-format-brat = brat standoff (مجلد)
export-format-doccano = doccano JSONL
export-format-label-studio = Label Studio JSON
export-format-webanno-tsv = WebAnno TSV 3.3 / INCEpTION (مجلد)
export-format-conll = CoNLL (IOB2 / BIOES)
export-format-w3c = توسيم الويب W3C (JSON-LD)
export-format-hf = مجموعات بيانات Hugging Face (مجلد)
export-format-csv = CSV (جدول بيانات)
export-format-xlsx = مصنَّف Excel (XLSX)
export-format-refi-qda = مشروع REFI-QDA (QDPX)
export-unit-jsonl = نقاط ترميز (أو الوحدة المختارة، مذكورة في كل سطر)
export-unit-codepoints = نقاط ترميز
export-unit-utf16 = وحدات ترميز UTF-16
export-unit-utf8 = بايتات UTF-8 (ومعها مواضع البايت في الملف الأصلي)
export-unit-graphemes = عناقيد حرفية (graphemes)
export-unit-tokens = وحدات نصية (tokens)
export-unit-w3c = نقاط ترميز (TextPositionSelector)
export-unit-hf = نقاط ترميز (للمقاطع)؛ وحدات كلمات UAX #29 (ner_tags)
export-unit-refi-qda = نقاط ترميز (أحرف النص المصدر)
export-unit-stated = { $unit }، مذكورة في كل سطر في الحقل offset_unit
export-offsets = المواضع: { $unit }
export-offset-unit = وحدة المواضع:
export-history = تضمين سجل التعديلات لكل توسيم
export-suggestions = تضمين اقتراحات معجم الأسماء التي لم تُقبل بعد (منفصلةً عن المقاطع)
export-tags = الوسوم:
export-clitics = فصل السوابق العربية (و، ف، ب، ك، ل، ال) عن الكلمات
export-misaligned = مقطع لا يقع على حدود الوحدات النصية:
export-misaligned-widen = يُوسَّع
export-misaligned-split = تُقسَم الوحدات
export-misaligned-drop = يُستبعَد
export-bom = البدء بعلامة ترتيب البايتات UTF-8 (يحتاجها Excel لقراءة العربية)
export-about-label-studio = يكتب المهام وبجانبها الملف NAME.label_config.xml.
export-about-brat = يكتب مجلدًا: NAME.txt وNAME.ann لكل مستند، والملف annotation.conf.
export-about-webanno = يكتب مجلدًا: ملف NAME.tsv واحد لكل مستند.
export-about-hf = يكتب مجلدًا تقرؤه datasets.load_dataset (الوحدات النصية والمقاطع والعلاقات والمستندات).
export-about-xlsx = الأوراق: التوسيمات (من اليمين إلى اليسار، مع التصفية التلقائية) وعدد التوسيمات لكل وسم.
export-skip-invalid = استبعاد المقاطع المخالفة لقواعد النموذج (وإلا توقف التصدير)
export-pseudonymise = إخفاء الهوية: استبدال أسماء هذه الوسوم بأسماء مستعارة (شخص_٧، PERSON_007)
export-pseudonymise-labels = الوسوم:
export-pseudonymise-about = يُستبدل كل ذكر في النص، في كل الصيغ، وكذلك المواضع الأخرى للأسماء نفسها. لا تُكتب بصمات الملفات الأصلية. المفتاح (الاسم المستعار ← الاسم) لا يُكتب إلا من سطر الأوامر (--pseudonym-key)، مشفَّرًا.
export-pseudonymise-pick = حدِّد وسمًا واحدًا على الأقل لإخفاء أسمائه.
export-pseudonymise-conflict = لا يمكن أن يحمل JSONL المُخفى الهوية السجلَّ أو الاقتراحات أو مواضع البايتات في الملف الأصلي (فيها النص الأصلي): ألغِ تحديدها.
export-strip-notes = حذف الملاحظات (ملاحظات المقاطع والمستندات)
export-strip-annotators = إعادة تسمية الموسِّمين annotator_1 وannotator_2 و…
export-documents = المستندات:
export-scope-project = المشروع كله
export-scope-selected = المحدَّدة أدناه
export-scope-done = المنجَزة
export-tick-one = حدِّد مستندًا واحدًا على الأقل أدناه.
export-start = تصدير…
export-writing = { $n ->
    [zero] جارٍ الكتابة…
    [one] جارٍ كتابة مستند واحد…
    [two] جارٍ كتابة مستندين…
    [few] جارٍ كتابة { $n } مستندات…
    [many] جارٍ كتابة { $n } مستندًا…
   *[other] جارٍ كتابة { $n } مستند…
}
export-reading = جارٍ قراءة المستند { $done } من { $total }…
export-cancel = إلغاء التصدير
export-ticked = حُدِّد { $n } من { $total }
export-tick-all = تحديد الكل
export-tick-none = إلغاء تحديد الكل
export-include-a11y = تضمين { $path }
export-summary = صُدِّر بصيغة { $format } ({ $unit }): { $n ->
    [zero] لا مستندات
    [one] مستند واحد
    [two] مستندان
    [few] { $n } مستندات
    [many] { $n } مستندًا
   *[other] { $n } مستند
}، و{ $s ->
    [zero] لا مقاطع
    [one] مقطع واحد
    [two] مقطعان
    [few] { $s } مقاطع
    [many] { $s } مقطعًا
   *[other] { $s } مقطع
}.
export-written = كُتب في: { $path }
export-misaligned-count = { $n ->
    [zero] لا مقاطع خارج حدود الوحدات النصية:
    [one] مقطع واحد لا يطابق حدود الوحدات النصية كما هي:
    [two] مقطعان لا يطابقان حدود الوحدات النصية كما هي:
    [few] { $n } مقاطع لا تطابق حدود الوحدات النصية كما هي:
    [many] { $n } مقطعًا لا يطابق حدود الوحدات النصية كما هي:
   *[other] { $n } مقطع لا يطابق حدود الوحدات النصية كما هي:
}
export-no-warnings = لا تحذيرات.
export-warnings = { $n ->
    [zero] لا تحذيرات:
    [one] تحذير واحد:
    [two] تحذيران:
    [few] { $n } تحذيرات:
    [many] { $n } تحذيرًا:
   *[other] { $n } تحذير:
}
export-stopped = توقف التصدير: { $path }
export-nothing = لم يُصدَّر شيء. { msg-no-dialog } (`sanad export PROJECT --format { $format } --output PATH`)

## استيراد مجلد أو ملفات توسيم
msg-project-inside = سيقع ملف المشروع داخل المجلد الذي يستورده، وسند لا يكتب في ذلك المجلد أبدًا؛ اختر مسارًا للمشروع خارجه: { $path }
msg-imported = { $n ->
    [zero] لم يُستورد أي مستند جديد
    [one] استُورد مستند جديد واحد
    [two] استُورد مستندان جديدان
    [few] استُوردت { $n } مستندات جديدة
    [many] استُورد { $n } مستندًا جديدًا
   *[other] استُورد { $n } مستند جديد
} من { $what }؛ والمتخطّى: { $skipped }
msg-import-stopped = توقف الاستيراد على نحو غير متوقع
msg-import-no-project = افتح مشروعًا أولًا، ثم استورد التوسيمات إليه.
msg-no-annotation-files = لم يُعثر على ملفات توسيم (.ann أو .jsonl أو .json أو WebAnno .tsv أو .conll): { $path }
msg-import-refused = { $message }: { $path }

## اختصارات لوحة المفاتيح (F1): عناوين المجموعات، وحركات الفأرة، وعمل كل صف
shortcut-group-files = الملفات
shortcut-group-editing = التحرير
shortcut-group-labelling = التحديد والتوسيم
shortcut-group-moving = التنقّل
shortcut-group-search = البحث
shortcut-group-suggestions = الاقتراحات والكيانات
shortcut-group-view = العرض والقراءة
shortcut-group-text-fields = في حقل نصي
shortcut-group-help = مساعدة
mouse-resize = البداية ±١، النهاية ±١
mouse-drag = سحب
mouse-alt-drag = سحب مع Alt
mouse-double-click = نقر مزدوج
mouse-click = نقر
mouse-entity-enter = Enter (لوحة الكيان)
shortcut-open-folder = فتح مجلد من مستندات نصية (ملفات txt)
shortcut-open-project = فتح مشروع (ملف sanad)
shortcut-export = تصدير… (مع اختيار الصيغة)
shortcut-import-annotations = استيراد التوسيمات (brat أو doccano أو Label Studio أو WebAnno TSV أو CoNLL أو Sanad JSONL)
shortcut-apply-gazetteer = تطبيق معجم أسماء (قائمة بأسماء معروفة)
shortcut-save-copy = حفظ نسخة من المشروع
shortcut-quit = خروج
shortcut-redo = إعادة
shortcut-undo = تراجع
shortcut-delete = حذف التوسيم المحدَّد
shortcut-start-relation = بدء علاقة من التوسيم المحدَّد؛ ثم انقر التوسيم الهدف
shortcut-resize = أزرار لوحة الفحص: تحريك بداية التوسيم المحدَّد أو نهايته عنقودًا حرفيًّا واحدًا
shortcut-settings = الإعدادات: اسم الموسِّم، والقراءة (حجم الخط، وتباعد الأسطر، والمظهر)، والوسوم، والمخطط
shortcut-drag = تحديد مقطع: كلمات كاملة عند طرفيه (النطاق المنطقي بين الضغط والإفلات)
shortcut-alt-drag = تحديد مقطع حرفًا حرفًا (عناقيد حرفية)، دون التقيّد بحدود الكلمات
shortcut-double-click = تحديد كلمة
shortcut-click = وضع المؤشر، أو تحديد التظليل الذي تحته (مرة أخرى: التظليل التالي المتراكب)
shortcut-caret = تحريك المؤشر في المستند عنقودًا حرفيًّا / كلمةً، في الاتجاه الذي تراه (يبدأ من أول سطر ظاهر)
shortcut-extend-grapheme = توسيع التحديد عنقودًا حرفيًّا واحدًا، في الاتجاه الذي تراه
shortcut-extend-word = توسيع التحديد كلمةً، في الاتجاه الذي تراه
shortcut-select-all = تحديد المستند كله
shortcut-copy = نسخ نص التحديد بترتيبه المنطقي
shortcut-label-keys = توسيم التحديد، أو تغيير وسم التوسيم المحدَّد (المفتاح الظاهر على كل وسم)
shortcut-escape = إغلاق النافذة المفتوحة؛ وإلا فإلغاء العلاقة أو مسح التحديد
shortcut-tab-annotations = تحديد التوسيم التالي / السابق والتمرير إليه (ما لم يكن التركيز على عنصر تحكم)
shortcut-scroll-line = تمرير المستند سطرًا واحدًا
shortcut-scroll-page = تمرير المستند صفحة واحدة
shortcut-top-end = الانتقال إلى أول المستند / آخره
shortcut-previous-document = المستند السابق في القائمة
shortcut-next-document = المستند التالي في القائمة
shortcut-find-all = البحث في كل مستندات المشروع
shortcut-find = البحث في المستند المعروض (مع مراعاة خصائص العربية)
shortcut-previous-match = النتيجة السابقة
shortcut-next-match = النتيجة التالية
shortcut-search-field = في حقل البحث: النتيجة التالية / السابقة
shortcut-label-all = توسيم كل النتائج: معاينتها أولًا، ثم مرة أخرى لتوسيم المحدَّد منها (بتراجع واحد)
shortcut-suggestion = قبول اقتراح معجم الأسماء المحدَّد (فيصير توسيمًا) / رفضه
shortcut-entity-enter = في حقل الاسم: إعادة تسمية الكيان؛ وفي حقل الاسم البديل الجديد: إضافته (لكلٍّ منهما تراجع واحد)
shortcut-zoom-in = تكبير (الواجهة كلها؛ ويُحفظ بين مرات التشغيل)
shortcut-zoom-out = تصغير
shortcut-zoom-reset = العودة إلى الحجم 100 %
shortcut-toggle-theme = التبديل بين المظهر الفاتح والداكن (وفي الإعدادات: اتباع النظام)
shortcut-focus-controls = نقل تركيز لوحة المفاتيح إلى القوائم واللوحات؛ ثم ينتقل Tab / Shift+Tab من عنصر تحكم إلى آخر، ويضغط Space أو Enter العنصر، ويعيد Esc لوحة المفاتيح إلى المستند
shortcut-field-arrows = تحريك المؤشر عنقودًا حرفيًّا واحدًا في اتجاه السهم على الشاشة (مع Ctrl: كلمة؛ ومع Shift: تحديد)
shortcut-field-home-end = بداية السطر / نهايته بترتيب القراءة: الطرف الأيمن / الأيسر من السطر العربي (مع Ctrl: للنص كله)
shortcut-field-delete = حذف العنقود الحرفي قبل المؤشر / بعده بترتيب القراءة (مع Ctrl: كلمة)
shortcut-field-undo = التراجع عن الكتابة في الحقل / إعادتها، لا في المشروع (ويعيد Ctrl+Shift+Z أيضًا)
shortcut-field-clipboard = تحديد الكل، نسخ، قص، لصق
shortcut-field-leave = مغادرة الحقل (تُحفظ الملاحظة عند مغادرة حقلها)
shortcut-shortcuts = قائمة الاختصارات هذه

## إعدادات القراءة، والمظاهر، وأنماط الخط السفلي، والمستند لقارئات الشاشة
settings-reading = القراءة
reading-font-size = حجم نص المستند
reading-line-spacing = تباعد الأسطر
reading-zoom = التكبير (النافذة كلها)
reading-theme = المظهر
reading-reset = إعادة ضبط إعدادات القراءة
reading-points = نقطة
msg-zoom = التكبير { $zoom } %
msg-theme-light = المظهر الفاتح
msg-theme-dark = المظهر الداكن
underline-solid = خط سفلي متصل
underline-dashed = خط سفلي متقطع
underline-dotted = خط سفلي منقَّط
underline-double = خط سفلي مزدوج
underline-wavy = خط سفلي متموّج
underline-dash-dot = خط سفلي من شرطات ونقاط
a11y-document = نص المستند
a11y-annotation-description = { $label }: الأحرف من { $start } إلى { $end } من المستند

## نوافذ الملفات في النظام (العناوين وأنواع الملفات)
dialog-open-folder = فتح مجلد من مستندات نصية (ملفات txt)
dialog-open-project = فتح مشروع سند
dialog-project-kind = مشروع سند
dialog-export = تصدير التوسيمات
dialog-export-file-kind = ملف { $ext }
dialog-export-folder = تصدير التوسيمات إلى مجلد جديد (سمِّه)
dialog-folder-kind = مجلد
dialog-import-scheme = استيراد مخطط وسوم
dialog-export-scheme = تصدير مخطط الوسوم
dialog-scheme-kind = مخطط وسوم RON
dialog-save-copy = حفظ نسخة من المشروع
dialog-gazetteer = تطبيق معجم أسماء (قائمة بأسماء معروفة)
dialog-gazetteer-kind = معجم أسماء (CSV أو TSV أو RON)
dialog-gazetteer-csv-kind = معجم أسماء (CSV)

## ملف الإعدادات
msg-settings-not-saved = تعذّر حفظ الإعدادات ({ $error }): { $path }

## المشاريع المشفّرة (نافذة عبارة المرور، قائمة ملف)
menu-encrypt = تشفير المشروع…
menu-encrypt-hover = يشفّر المشروع المفتوح بعبارة مرور: لا يُقرأ الملف من دونها. أما المُصدَّرات فتبقى نصًا غير مشفّر.
passphrase-open-title = مشروع مشفّر
passphrase-open-text = هذا المشروع مشفّر. اكتب عبارة المرور لفتحه: { $path }
passphrase-open-ok = فتح
passphrase-encrypt-title = تشفير المشروع
passphrase-encrypt-text = شفّر هذا المشروع بعبارة مرور (تُكتب مرتين): { $path }
passphrase-encrypt-warning = لا أحد يستطيع استعادة عبارة مرور ضائعة، ولا مطوّرو سند أنفسهم. احفظها في مكان آمن.
passphrase-encrypt-ok = تشفير
passphrase-field = عبارة المرور:
passphrase-confirm = أعد كتابتها:
passphrase-wrong = عبارة المرور خاطئة (أو أن الملف ليس مشروع سند). حاول مجددًا.
passphrase-mismatch = العبارتان مختلفتان. اكتب الثانية مرة أخرى.
passphrase-empty = اكتب عبارة مرور.
msg-passphrase-cancelled = لم يُفتح المشروع: لم تُعطَ عبارة المرور
msg-encrypted = شُفّر المشروع بعبارة المرور: { $path }
menu-new-encrypted = مشروع مشفّر جديد من مجلد…
menu-new-encrypted-hover = يستورد مجلدًا إلى مشروع جديد مشفّر بعبارة مرور: لا تُكتب مستنداته على القرص نصًا غير مشفّر أبدًا
passphrase-create-title = مشروع مشفّر جديد
passphrase-create-text = استيراد المجلد إلى مشروع جديد مشفّر بعبارة مرور (تُكتب مرتين): { $path }
passphrase-create-ok = إنشاء
msg-encrypted-exists = يوجد ملف في مكان المشروع الجديد؛ افتحه أو انقله أولًا: { $path }

## عرض التحكيم (عرض ← التحكيم)
view-curation = عرض التحكيم
view-curation-off = الخروج من عرض التحكيم
shortcut-curation = عرض التحكيم: مقاطع كل موسِّم في مسار خاص به، وتُعتمد في الطبقة المحكَّمة
curation-on = عرض التحكيم: مقاطع كل موسِّم أشرطة في مساره فوق النص، والمختلف عليها محاطة بإطار؛ والتظليل هو الطبقة المحكَّمة
curation-off = أُغلق عرض التحكيم
curation-heading = التحكيم
curation-explain = تُرسم مقاطع كل موسِّم أشرطةً رفيعة في مسار خاص به أعلى الأسطر؛ والمقاطع المختلف عليها (غير الموجودة في طبقة كل موسِّم بالوسم نفسه) محاطة بإطار. والتظليل يُظهر الطبقة المحكَّمة التي يأخذها التصدير بـ --layer curated.
curation-accept-agreeing-document = اعتماد كل المتفق عليه (المستند)
curation-accept-agreeing-project = اعتماد كل المتفق عليه (المشروع)
curation-accept-agreeing-hover = نسخ كل مقطع أعطاه كل الموسِّمين الوسم نفسه إلى الطبقة المحكَّمة؛ خطوة تراجع واحدة (Ctrl+Z)
curation-no-layers = لا طبقة لأي موسِّم في هذا المستند
curation-lane = المسار { $n }: { $name } (المقاطع: { $count })
curation-unknown-annotator = (موسِّم غير معروف)
curation-curated = الطبقة المحكَّمة، المقاطع: { $n }
curation-accept = اعتماد
curation-accept-hover = نسخ المقطع المحدد بوسمه إلى الطبقة المحكَّمة
curation-edit = اعتماد وتحرير
curation-edit-hover = اعتماد المقطع المحدد إن لم يُعتمد بعد، ثم تحديد نسخته المحكَّمة لتحريرها في لوحة التفاصيل
curation-reject = رفض
curation-reject-hover = المقطع غير المعتمد مرفوض: لا تتغير طبقات الموسِّمين أبدًا. وبعد اعتماده يحذف هذا نسخته المحكَّمة.
curation-row-agreed = متفق عليه · { $label } · { $name } · [{ $start }, { $end }) · { $text }
curation-row-disputed = مختلف عليه · { $label } · { $name } · [{ $start }, { $end }) · { $text }
curation-row-curated = معتمد · { $label } · { $name } · [{ $start }, { $end }) · { $text }
did-accept-agreeing-document = اعتُمدت كل مقاطع المستند المتفق عليها في الطبقة المحكَّمة
did-accept-agreeing-project = اعتُمدت كل مقاطع المشروع المتفق عليها في الطبقة المحكَّمة
did-accept-into-curated = اعتُمد التوسيم { $id } في الطبقة المحكَّمة

## View → Agreement… (src/ui/agreement_panel.rs)
view-agreement = الاتفاق…
view-agreement-hover = مدى اتفاق طبقات الموسِّمين: مقياس F1 للمقاطع، وكابا كوهين وفلايس، وألفا كريبندورف؛ لكل وسم ولكل وثيقة؛ ورسوم بيانية
agreement-title = الاتفاق بين الموسِّمين
agreement-label-filter = الوسم:
agreement-all-labels = كل الوسوم
agreement-refresh = أعد الحساب
agreement-numbers = الأرقام
agreement-charts = الرسوم البيانية
agreement-exported = صُدِّر: { $path }
agreement-computed = عدد الموسِّمين: { $n }، عدد الوثائق: { $docs }؛ استغرق الحساب { $ms } م.ث
agreement-too-few = يحتاج الاتفاق إلى طبقات موسِّمَين اثنين على الأقل (ملف ← دمج المشاريع… يأتي بها).
agreement-pairs = أزواج الموسِّمين (F1 للمقاطع: تطابق تام، تداخل؛ كابا كوهين على الكلمات)
agreement-pair = { $a } – { $b }: F1 التام { $exact }، F1 التداخل { $overlap }، كابا { $kappa }
agreement-all = كل الموسِّمين: كابا فلايس { $fleiss }، ألفا كريبندورف { $alpha }
agreement-per-label = لكل وسم
agreement-label-line = { $label }، { $a } – { $b }: F1 التام { $exact }، F1 التداخل { $overlap }؛ ألفا { $alpha }
agreement-alpha-key = ألفا كريبندورف للوسم، كل الموسِّمين
agreement-per-document = لكل وثيقة
agreement-document = { $path }: ألفا كريبندورف { $alpha }
agreement-chart-spans = المقاطع لكل وسم ولكل موسِّم
agreement-chart-labels = الاتفاق لكل وسم (F1 للمقاطع، ألفا)
agreement-chart-done = الوثائق المنجزة لكل موسِّم عبر الزمن
agreement-export-csv = CSV…
agreement-export-png = PNG…
agreement-exact = تام
agreement-overlap = تداخل
agreement-no-status = لم تُعلَّم أي وثيقة منجزةً بعد.
