<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../zwgk_desktop/ui/app.py" line="+201"/>
        <source>无法打开工作区</source>
        <translation>Cannot Open Workspace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从备份恢复…</source>
        <translation>Restore from Backup…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>从备份恢复</source>
        <translation>Restore from Backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件 (*.zip)</source>
        <translation>Backup files (*.zip)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法恢复</source>
        <translation>Cannot Restore</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>政务公开台账</source>
        <translation>Disclosure Ledger</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>工作区已打开</source>
        <translation>Workspace Already Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个工作区已在另一个窗口中打开，请切换到那个窗口。
同一工作区只开一个窗口，可以避免两边的修改互相覆盖。</source>
        <translation>This workspace is already open in another window. Please switch to that window.
Only one window per workspace keeps changes from overwriting each other.</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/archive_dialog.py" line="+57"/>
        <source>回收站</source>
        <translation>Recycle Bin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>模板更新中删除的事项和移除的佐证材料都保存在这里，可以随时恢复；本软件不会自动删除它们。</source>
        <translation>Items deleted by template updates and removed evidence are kept here and can be restored at any time; they are never deleted automatically.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>归档时间</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所属事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>移除时间</source>
        <translation>Removed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>已归档事项（%n）</source>
        <translation>
            <numerusform>Archived Item (%n)</numerusform>
            <numerusform>Archived Items (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>已移除的佐证材料（%n）</source>
        <translation>
            <numerusform>Removed Evidence (%n)</numerusform>
            <numerusform>Removed Evidence (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请先选择要恢复的一项。</source>
        <translation>Select an entry to restore first.</translation>
    </message>
</context>
<context>
    <name>CategoryTree</name>
    <message>
        <location filename="../../zwgk_desktop/ui/category_tree.py" line="+38"/>
        <location line="+32"/>
        <source>全部事项</source>
        <translation>All Items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}
已办结 {closed} / 共 {total} 项</source>
        <translation>{name}
{closed} of {total} items closed</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../zwgk_desktop/ui/detail_panel.py" line="+69"/>
        <source>承办人姓名</source>
        <translation>Assignee name</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除到期日</source>
        <translation>Clear due date</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>备注（自动保存）</source>
        <translation>Notes (saved automatically)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>事项信息</source>
        <translation>Item Details</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>佐证材料 / 公开记录</source>
        <translation>Evidence / Publication Records</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>变更记录</source>
        <translation>Change Log</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在左侧表格中选择一个事项查看详情</source>
        <translation>Select an item in the table to see its details</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开对象</source>
        <translation>Audience</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>（暂无变更记录）</source>
        <translation>(no changes yet)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>无法保存</source>
        <translation>Cannot Save</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>修改冲突</source>
        <translation>Edit Conflict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留我的修改</source>
        <translation>Keep My Changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>采用当前内容</source>
        <translation>Use Current Version</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <location filename="../../zwgk_desktop/ui/diff_view.py" line="+40"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>把文字相近的事项视为同一事项</source>
        <translation>Treat items with similar wording as the same item</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>勾选后，相近的事项保留原有的办理状态、佐证材料和记录，只更新文字；不勾选则旧事项归档、新事项作为新增。</source>
        <translation>When checked, similar items keep their status, evidence and records and only their wording is updated; otherwise the old item is archived and the new one is added.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除（将归档）</source>
        <translation>Deleted (archived)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>相近（需确认）</source>
        <translation>Similar (please check)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>另有 {0} 个事项没有变化。</source>
        <translation>{0} other items are unchanged.</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../zwgk_desktop/ui/evidence_panel.py" line="+213"/>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可把文件拖到这里，或按 Ctrl+V 粘贴截图</source>
        <translation>Drop files here or press Ctrl+V to paste a screenshot</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>添加文件…</source>
        <translation>Add Files…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加链接…</source>
        <translation>Add Link…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加说明…</source>
        <translation>Add Note…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+166"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="-165"/>
        <location line="+185"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>公开记录</source>
        <translation>Publication Records</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>公开日期</source>
        <translation>Published</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>渠道 / 位置</source>
        <translation>Channel / Location</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>是否按时</source>
        <translation>On Time</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>新增公开记录…</source>
        <translation>New Publication Record…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>请先选择一个事项。</source>
        <translation>Select an item first.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>还没有佐证材料。
把文件拖到这里，或点击“添加文件…”；截图可按 Ctrl+V 粘贴。</source>
        <translation>No evidence yet.
Drop files here or click “Add Files…”; paste screenshots with Ctrl+V.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>选择佐证材料</source>
        <translation>Choose Evidence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>找不到文件“{0}”在工作区中的副本。请用“校验佐证材料”检查工作区。</source>
        <translation>The workspace copy of “{0}” is missing. Check the workspace with “Check Data Integrity”.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> 等</source>
        <translation> and more</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除佐证材料</source>
        <translation>Remove Evidence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从这个事项移除 {0}？</source>
        <translation>Remove {0} from this item?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移除后材料会归档，文件仍保留在工作区中，操作会记入历史记录。</source>
        <translation>Removed evidence is archived: the file stays in the workspace and the removal is recorded in the change log.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>粘贴截图</source>
        <translation>Paste Screenshot</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无法保存剪贴板中的图片。</source>
        <translation>Could not save the image from the clipboard.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/import_dialog.py" line="+52"/>
        <source>本软件的清单格式</source>
        <translation>zwgk checklist format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政务公开标准目录</source>
        <translation>Standard disclosure catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>任务分解表</source>
        <translation>Task breakdown table</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作要点通知</source>
        <translation>Annual priorities notice</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>更新清单</source>
        <translation>Update Checklist</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入模板</source>
        <translation>Import Template</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>文件：{0}</source>
        <translation>File: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共 {0} 个事项</source>
        <translation>{0} items</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发布单位：{0}</source>
        <translation>Issued by: {0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>未指定</source>
        <translation>not specified</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这是清单“{0}”所用模板的新版本。应用更新后，原有事项的办理状态、佐证材料和记录都会保留；模板中删去的事项会归档，不会删除。请核对下面的变化：</source>
        <translation>This is a new version of the template behind the checklist “{0}”. Updating keeps the status, evidence and records of existing items; items dropped from the template are archived, not deleted. Please review the changes below:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>清单名称：</source>
        <translation>Checklist name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>各分类的事项数</source>
        <translation>Items per Category</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>读取时的提示 ({0})</source>
        <translation>Import Notes ({0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>读取时没有发现问题。</source>
        <translation>No problems found while reading the file.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>调整列对应…</source>
        <translation>Adjust Columns…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>通知正文按提纲拆分事项，不需要指定列。</source>
        <translation>Notices are split into items by their outline; no columns to assign.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>应用更新</source>
        <translation>Apply Update</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>作为新清单导入…</source>
        <translation>Import as New Checklist…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不更新“{0}”，而是另建一个清单（例如新年度的台账）。</source>
        <translation>Leave “{0}” unchanged and create a separate checklist (for example, next year&apos;s ledger).</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <location filename="../../zwgk_desktop/ui/item_model.py" line="+43"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任单位</source>
        <translation>Responsible Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>佐证材料 {n} 份</source>
        <translation>{n} evidence files</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/evidence_panel.py" line="-362"/>
        <source>添加链接</source>
        <translation>Add Link</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把已公开信息的网页地址记为佐证，例如政府网站上的公告页面。</source>
        <translation>Record the web address of published information as evidence, e.g. a notice page on the government website.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>网页标题（可选）</source>
        <translation>Page title (optional)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>网址：</source>
        <translation>URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看日期：</source>
        <translation>Checked on:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../zwgk_desktop/ui/main_window.py" line="+89"/>
        <location line="+497"/>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location line="-376"/>
        <source>查看逾期事项</source>
        <translation>Show Overdue Items</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭提醒</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>导入模板…</source>
        <translation>Import Template…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>载入示例</source>
        <translation>Load Example</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出模板…</source>
        <translation>Export Template…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出PDF报告…</source>
        <translation>Export PDF Report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出Excel台账…</source>
        <translation>Export Excel Ledger…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份工作区…</source>
        <translation>Back Up Workspace…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从备份恢复…</source>
        <translation>Restore from Backup…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查数据完整性…</source>
        <translation>Check Data Integrity…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入节假日安排…</source>
        <translation>Import Holiday Calendar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回收站（已归档事项和佐证材料）…</source>
        <translation>Recycle Bin (Archived Items and Evidence)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+520"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="-519"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>清单(&amp;L)</source>
        <translation>&amp;Checklist</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> 清单 </source>
        <translation> Checklist </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>搜索事项（支持一两个字）</source>
        <translation>Search items (even one or two characters)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}天内到期</source>
        <translation>Due within {n} days</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+123"/>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本单位（%1）</source>
        <translation>My office (%1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>zwgk-desktop 政务公开台账 — {office}</source>
        <translation>zwgk-desktop Disclosure Ledger — {office}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>zwgk-desktop 政务公开台账</source>
        <translation>zwgk-desktop Disclosure Ledger</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>此版本不支持添加佐证材料。</source>
        <translation>This version cannot add evidence.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请先导入或选择一个事项清单。</source>
        <translation>Import or select a checklist first.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>已载入示例清单“{name}”，共 {n} 项。</source>
        <translation>Loaded the example checklist “{name}” ({n} items).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>导出模板</source>
        <translation>Export Template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法写入文件“{path}”：{err}</source>
        <translation>Cannot write “{path}”: {err}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导出模板：{path}</source>
        <translation>Template exported: {path}</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+6"/>
        <location line="+4"/>
        <source>备份工作区</source>
        <translation>Back Up Workspace</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+24"/>
        <source>备份文件 (*.zip)</source>
        <translation>Backup files (*.zip)</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>已备份到：%1
共 %2 个文件。请把备份文件另存到U盘或其他电脑。</source>
        <translation>Backed up to: %1
%2 files. Please copy the backup to a USB drive or another computer.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+7"/>
        <location line="+7"/>
        <location line="+7"/>
        <source>从备份恢复</source>
        <translation>Restore from Backup</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>用备份（%1，%2）替换当前工作区？
当前工作区的文件夹会改名保留，不会删除。</source>
        <translation>Replace the current workspace with the backup (%1, %2)?
The current workspace folder is renamed and kept, not deleted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未设置单位</source>
        <translation>no office set</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已从备份恢复。</source>
        <translation>Restored from backup.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原工作区已保留在：%1</source>
        <translation> The previous workspace was kept at: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+5"/>
        <source>检查数据完整性</source>
        <translation>Check Data Integrity</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>发现 %1 个问题（已校验 %2 个佐证文件）。建议从最近的备份恢复，或联系技术支持。</source>
        <translation>Found %1 problems (%2 evidence files checked). Restore from the latest backup or contact support.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>数据完整：数据库检查通过，变更记录校验链完整，%1 个佐证文件的 SHA-256 一致。</source>
        <translation>Data intact: the database check passed, the change log hash chain is complete and %1 evidence files match their SHA-256.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+7"/>
        <source>导入节假日安排</source>
        <translation>Import Holiday Calendar</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>节假日日历 (*.json)</source>
        <translation>Holiday calendars (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已导入 %1 年的放假安排。现已收录到 %2 年，工作日计算将按官方安排进行。</source>
        <translation>Imported the %1 holiday schedule. Official schedules now cover years up to %2; working days follow them.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;h3&gt;zwgk-desktop 政务公开台账&lt;/h3&gt;&lt;p&gt;版本 {version}&lt;/p&gt;&lt;p&gt;离线管理基层政务公开标准目录与工作要点：事项清单、佐证材料、模板导入与合规报告。&lt;/p&gt;&lt;p&gt;工作区：{folder}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;zwgk-desktop Disclosure Ledger&lt;/h3&gt;&lt;p&gt;Version {version}&lt;/p&gt;&lt;p&gt;Offline management of government information disclosure catalogues and annual priorities: checklists, evidence, template import and compliance reports.&lt;/p&gt;&lt;p&gt;Workspace: {folder}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/mapping_dialog.py" line="+165"/>
        <source>调整列对应</source>
        <translation>Adjust Columns</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>为“{0}”的各列指定字段</source>
        <translation>Assign Fields to the Columns of “{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为各列指定字段</source>
        <translation>Assign Fields to Columns</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>在每列上方选择这一列对应的字段；不需要导入的列选“忽略”。至少要有一列是“事项”或“内容”。</source>
        <translation>Above each column, choose the field it holds; choose “Ignore” for columns not to import. At least one column must be “Item” or “Content”.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>（未识别表头）</source>
        <translation>(no header found)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>恢复自动识别</source>
        <translation>Reset to Detected</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按此对应重新读取</source>
        <translation>Read Again with These Columns</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/evidence_panel.py" line="+20"/>
        <source>文字说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>添加说明</source>
        <translation>Add Note</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>例如：已于 5 月 6 日在村务公开栏张贴，张贴照片见附件。</source>
        <translation>E.g.: Posted on the village notice board on 6 May; photo attached.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PublicationDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/publication_dialog.py" line="+60"/>
        <source>新增公开记录</source>
        <translation>New Publication Record</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>公开时限：{0}</source>
        <translation>Time limit: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>例如：2024年第一季度低保对象名单</source>
        <translation>E.g.: 2024 Q1 list of minimum living allowance recipients</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开内容：</source>
        <translation>Content:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>公开渠道：</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网址（https://…）或地点（如：村务公开栏）</source>
        <translation>URL (https://…) or place (e.g. village notice board)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网址或地点：</source>
        <translation>URL or place:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已知</source>
        <translation>Known</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>信息形成/变更日期：</source>
        <translation>Created/changed on:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>公开日期：</source>
        <translation>Published on:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>关联的佐证材料：</source>
        <translation>Linked evidence:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>（这个事项还没有佐证材料）</source>
        <translation>(this item has no evidence yet)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReportOptionsDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/report_actions.py" line="+68"/>
        <source>报告包含哪些事项：</source>
        <translation>Items to include in the report:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部事项（{0} 项）</source>
        <translation>All items ({0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一个分类：</source>
        <translation>One category:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一个责任单位：</source>
        <translation>One responsible unit:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}（{1} 项）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>下一步…</source>
        <translation>Next…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReportPrintPreview</name>
    <message>
        <location filename="../../zwgk_desktop/ui/print_preview.py" line="+76"/>
        <source>打印预览 - {0}</source>
        <translation>Print Preview - {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/settings_dialog.py" line="+26"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>例如：某某镇人民政府</source>
        <translation>E.g.: People&apos;s Government of X Town</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>记入变更记录的姓名</source>
        <translation>Name recorded in the change log</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>跟随系统</source>
        <translation>System default</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>更改语言后，下次启动本软件时生效。</source>
        <translation>A language change takes effect the next time the app starts.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>单位名称</source>
        <translation>Office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填报人</source>
        <translation>Filled in by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法保存设置</source>
        <translation>Cannot Save Settings</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../zwgk_desktop/ui/item_model.py" line="-193"/>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需整改</source>
        <translation>Needs rework</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../zwgk_desktop/ui/welcome.py" line="+17"/>
        <source>欢迎使用政务公开台账</source>
        <translation>Welcome to the Disclosure Ledger</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工作区还没有事项清单。
请导入县里下发的基层政务公开标准目录或工作要点任务分解表
（Excel、WPS 表格、CSV、Word 或文本），或先载入示例清单熟悉功能。</source>
        <translation>This workspace has no checklist yet.
Import the disclosure catalogue or task breakdown table issued by the county
(Excel, WPS, CSV, Word or text), or load the example checklist to get started.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导入模板…</source>
        <translation>Import Template…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>载入示例</source>
        <translation>Load Example</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>换了电脑？从备份恢复…</source>
        <translation>New computer? Restore from backup…</translation>
    </message>
</context>
<context>
    <name>_SheetPage</name>
    <message>
        <location filename="../../zwgk_desktop/ui/mapping_dialog.py" line="-182"/>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一级分类</source>
        <translation>Category 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>二级分类</source>
        <translation>Category 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>三级分类</source>
        <translation>Category 3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开对象</source>
        <translation>Audience</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>没有自动找到表头。表头所在行：</source>
        <translation>No header row was found. Header row:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第 {0} 行：{1}</source>
        <translation>Row {0}: {1}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../zwgk_desktop/ui/app.py" line="-143"/>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>程序错误</source>
        <translation>Program Error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发生了意外错误，刚才的操作可能没有完成。已保存的数据不受影响。
请把下面的详细信息发给技术支持。</source>
        <translation>An unexpected error occurred and the last action may not have finished. Saved data is not affected.
Please send the details below to technical support.</translation>
    </message>
</context>
<context>
    <name>evidence_panel</name>
    <message>
        <location filename="../../zwgk_desktop/ui/evidence_panel.py" line="-100"/>
        <source>正在复制并校验 {0} 个文件…</source>
        <translation>Copying and verifying {0} files…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+4"/>
        <source>添加佐证材料</source>
        <translation>Add Evidence</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>不能直接添加文件夹，请选择其中的文件。</source>
        <translation>Folders cannot be added; select the files inside.</translation>
    </message>
</context>
<context>
    <name>import_dialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/import_dialog.py" line="-143"/>
        <source>模板文件 (*.xlsx *.xls *.xlsm *.ods *.csv *.txt *.docx)</source>
        <translation>Templates (*.xlsx *.xls *.xlsm *.ods *.csv *.txt *.docx)</translation>
    </message>
    <message>
        <location line="+194"/>
        <source>正在读取“{0}”…</source>
        <translation>Reading “{0}”…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在写入 {0} 个事项…</source>
        <translation>Saving {0} items…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择要导入的模板文件</source>
        <translation>Choose a Template to Import</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+25"/>
        <source>读取模板</source>
        <translation>Reading Template</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>有些列没能可靠地识别，请核对每一列对应的字段。</source>
        <translation>Some columns could not be recognised reliably; please check the field of each column.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>导入模板</source>
        <translation>Import Template</translation>
    </message>
</context>
<context>
    <name>print_preview</name>
    <message>
        <location filename="../../zwgk_desktop/ui/print_preview.py" line="-45"/>
        <source>正在准备第 {0} / {1} 页…</source>
        <translation>Preparing page {0} of {1}…</translation>
    </message>
</context>
<context>
    <name>report_actions</name>
    <message>
        <location filename="../../zwgk_desktop/ui/report_actions.py" line="+47"/>
        <source>正在汇总事项、佐证材料和公开记录…</source>
        <translation>Collecting items, evidence and publication records…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在生成报告：{0} / {1} 个事项</source>
        <translation>Generating report: {0} of {1} items</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>报告已生成</source>
        <translation>Report Ready</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>报告已保存到：
{0}</source>
        <translation>The report was saved to:
{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打开文件</source>
        <translation>Open File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开所在文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>导出 PDF 报告</source>
        <translation>Export PDF Report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导出 Excel 台账</source>
        <translation>Export Excel Ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>打印报告</source>
        <translation>Print Report</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <location filename="../../zwgk_desktop/ui/tasks.py" line="+114"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>，请稍候…</source>
        <translation> – please wait…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
</TS>
