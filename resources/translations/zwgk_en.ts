<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AnnualCheckDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/annual_check_dialog.py" line="+33"/>
        <source>年度报告检查结果</source>
        <translation>Annual report check results</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件：{file}
单位：{office}&#x3000;年度：{year}&#x3000;格式：{fmt}
错误 {e} 个，警告 {w} 个{prev}</source>
        <translation>File: {file}
Office: {office}   Year: {year}   Format: {fmt}
{e} errors, {w} warnings{prev}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>（未写明）</source>
        <translation>(not stated)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（已对照上年报告）</source>
        <translation> (checked against last year&apos;s report)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入为本单位{year}年的报告</source>
        <translation>Import as My office&apos;s report for {year}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按印刷的数字（包括有误的总计）保存为{office}的报告</source>
        <translation>Saves the figures as printed (including wrong totals) as the report of {office}</translation>
    </message>
</context>
<context>
    <name>AnnualReportDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/annual_dialog.py" line="+132"/>
        <source>政府信息公开工作年度报告</source>
        <translation>Annual Report on Government Information Disclosure</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>登记发布…</source>
        <translation>Record publication…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在关联的清单事项上记录年度报告的发布</source>
        <translation>Record the publication of the annual report on the linked checklist item</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>报告年度</source>
        <translation>Report year</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>从台账起草</source>
        <translation>Draft from the ledger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按本年度的台账记录起草这一部分（可再修改）</source>
        <translation>Draft this part from this year&apos;s ledger records (you can edit it afterwards)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>一、五、六 文字</source>
        <translation>Parts 1, 5, 6 (text)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>二、主动公开</source>
        <translation>2. Proactive disclosure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>三、申请情况</source>
        <translation>3. Applications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>四、复议诉讼</source>
        <translation>4. Reviews and lawsuits</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>改用计算的总计</source>
        <translation>Use the computed totals</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>点击一条检查结果，跳到它所在的单元格</source>
        <translation>Click a check result to go to its cell</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Word (.docx)…</source>
        <translation>Word (.docx)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网页 (HTML)…</source>
        <translation>Web page (HTML)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel (.xlsx)…</source>
        <translation>Excel (.xlsx)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>复制网页代码到剪贴板</source>
        <translation>Copy the web page code to the clipboard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>检查报告文件…</source>
        <translation>Check a report file…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开一份年度报告（json、xlsx、docx、html、pdf）检查，可导入为本单位的报告</source>
        <translation>Open an annual report (json, xlsx, docx, html, pdf) to check it; it can be imported as My office&apos;s report</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查文件夹…</source>
        <translation>Check a folder…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>自动计算，不能填写</source>
        <translation>Calculated automatically; cannot be filled in</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>截止日期：{due}（{source}）</source>
        <translation>Due date: {due} ({source})</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>检查结果（点击跳到单元格）</source>
        <translation>Check results (click to go to the cell)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{year}年报告有未保存的修改。放弃这些修改吗？</source>
        <translation>The {year} report has unsaved changes. Discard them?</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>上年现行有效件数：规章 {a}，行政规范性文件 {b}</source>
        <translation>In force at the end of last year: rules {a}, normative documents {b}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未关联清单事项</source>
        <translation>Not linked to a checklist item</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关联事项：{title}{state}</source>
        <translation>Linked item: {title}{state}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（已登记发布）</source>
        <translation> (publication recorded)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>印刷值 {printed}，计算值 {computed}</source>
        <translation>Printed {printed}, computed {computed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>印刷值，与计算值相同</source>
        <translation>Printed value, same as the computed one</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>自动计算</source>
        <translation>Computed automatically</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>这份报告是导入的，总计按印刷值保留：{n}处与计算值不同（悬停单元格查看两者）。保存时不会改动印刷的总计。</source>
        <translation>This report was imported and its totals are kept as printed: {n} differ from the computed values (hover over a cell to see both). Saving does not change the printed totals.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这份报告是导入的，总计按印刷值保留（与计算值一致）。</source>
        <translation>This report was imported and its totals are kept as printed (they match the computed values).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已改用计算的总计，保存后生效。</source>
        <translation>Switched to the computed totals; they take effect when you save.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>无法起草</source>
        <translation>Cannot draft</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>替换已写的文字</source>
        <translation>Replace the written text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{part}、{title}”已有文字。用从台账起草的文字替换它吗？</source>
        <translation>Part {part} ({title}) already has text. Replace it with the text drafted from the ledger?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已起草“{part}”，可继续修改，保存后生效。</source>
        <translation>Part {part} drafted; you can keep editing it, and it takes effect when you save.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已保存（第{n}版）。</source>
        <translation>Saved (version {n}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仍有{n}个错误。</source>
        <translation> {n} error(s) remain.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>无法登记发布</source>
        <translation>Cannot record the publication</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已在清单事项上登记发布：{verdict}</source>
        <translation>Publication recorded on the checklist item: {verdict}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导出年度报告</source>
        <translation>Export annual report</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在导出年度报告</source>
        <translation>Exporting the annual report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导出到 {path}。现在打开吗？</source>
        <translation>Exported to {path}. Open it now?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已导出：{name}</source>
        <translation>Exported: {name}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>网页代码已复制，可粘贴到网站后台的源代码编辑框。</source>
        <translation>Web page code copied; paste it into the source code editor of the website&apos;s back office.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>检查年度报告文件</source>
        <translation>Check an annual report file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度报告 (*.json *.xlsx *.docx *.html *.htm *.pdf)</source>
        <translation>Annual reports (*.json *.xlsx *.docx *.html *.htm *.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在检查年度报告</source>
        <translation>Checking the annual report</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>替换年度报告</source>
        <translation>Replace annual report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区中已有本单位{year}年的报告（第{v}版）。用“{file}”替换它吗？原内容保留在变更记录中。</source>
        <translation>The workspace already has My office&apos;s report for {year} (version {v}). Replace it with {file}? The old content stays in the history.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已导入“{file}”为本单位{year}年的报告（总计按印刷值保留）。</source>
        <translation>Imported {file} as My office&apos;s report for {year} (totals kept as printed).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>检查文件夹中的年度报告</source>
        <translation>Check the annual reports in a folder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在检查文件夹</source>
        <translation>Checking the folder</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../zwgk_desktop/ui/app.py" line="+211"/>
        <location line="+148"/>
        <source>无法打开工作区</source>
        <translation>Cannot Open Workspace</translation>
    </message>
    <message>
        <location line="-147"/>
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
        <location line="+7"/>
        <source>无法恢复</source>
        <translation>Cannot Restore</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>政务公开台账</source>
        <translation>Disclosure Ledger</translation>
    </message>
    <message>
        <location line="+54"/>
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
        <location filename="../../zwgk_desktop/ui/archive_dialog.py" line="+65"/>
        <source>回收站</source>
        <translation>Recycle Bin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>模板更新中删除的事项、移除的佐证材料和移除的清单都保存在这里，可以随时恢复；本软件不会自动删除它们。</source>
        <translation>Items dropped by template updates, removed evidence and removed checklists are kept here and can be restored at any time; the app never deletes them by itself.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="-3"/>
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
        <location line="+1"/>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="-1"/>
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
        <location line="+2"/>
        <source>移除时间</source>
        <translation>Removed</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>清单</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开记录</source>
        <translation>Publication records</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>彻底删除…</source>
        <translation>Delete Permanently…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>永久删除选中的已移除清单及其中的全部内容，无法恢复</source>
        <translation>Permanently delete the selected removed checklist and everything in it; this cannot be undone</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location line="+10"/>
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
    <message numerus="yes">
        <location line="+1"/>
        <source>已移除的清单（%n）</source>
        <translation>
            <numerusform>Removed checklist (%n)</numerusform>
            <numerusform>Removed checklists (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请先选择要恢复的一项。</source>
        <translation>Select an entry to restore first.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>请先选择要彻底删除的清单。</source>
        <translation>Select the checklist to delete permanently first.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>彻底删除清单</source>
        <translation>Delete Checklist Permanently</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>彻底删除清单“{name}”？</source>
        <translation>Delete checklist “{name}” permanently?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其中的 {items} 个事项（已完成 {done} 个）、{evidence} 份佐证材料和 {publications} 条公开记录将被永久删除，无法恢复。只被这个清单使用的佐证文件也会从工作区删除。变更记录会保留。</source>
        <translation>Its {items} items ({done} done), {evidence} evidence files and {publications} publication records will be deleted for good and cannot be restored. Evidence files used only by this checklist are also deleted from the workspace. The change log is kept.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>彻底删除</source>
        <translation>Delete Permanently</translation>
    </message>
</context>
<context>
    <name>CategoryTree</name>
    <message>
        <location filename="../../zwgk_desktop/ui/category_tree.py" line="+38"/>
        <location line="+35"/>
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
    <name>CountyDialog</name>
    <message>
        <location filename="core_messages.py" line="+632"/>
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
        <translation>Needs rectification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（原第%1名）</source>
        <translation> (was #%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级汇总（各单位报送包）</source>
        <translation>County roll-up (offices&apos; submission packages)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按单位名称搜索</source>
        <translation>Search by office name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位 × 类别</source>
        <translation>Office × category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇（街道）排名</source>
        <translation>Township (street office) ranking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门排名</source>
        <translation>Department ranking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度报告</source>
        <translation>Annual reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每格：完成/应办（不含不适用）；逾期、超时公开、无佐证的事项数。双击单位查看其事项（只读）。</source>
        <translation>Each cell: done/due (not applicable left out); items overdue, published late and without evidence. Double-click an office to see its items (read-only).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看所选单位的事项…</source>
        <translation>View the selected office&apos;s items…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成率</source>
        <translation>Completion rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>较上次</source>
        <translation>Change since last</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇（街道）</source>
        <translation>Township (street office)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期%1 超时%2 无佐证%3</source>
        <translation>Overdue %1, late %2, no evidence %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应办</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超时公开</source>
        <translation>Published late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无佐证</source>
        <translation>No evidence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报送时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 个单位</source>
        <translation>%1 offices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1年度</source>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未报送</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未登记公开</source>
        <translation>publication not recorded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时公开</source>
        <translation>published on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期公开</source>
        <translation>published late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已报送，%1
错误%2 警告%3</source>
        <translation>Submitted, %1
%2 errors, %3 warnings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请先在表中选择一个单位。</source>
        <translation>Select an office in the table first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 的事项（报送于 %2，只读）</source>
        <translation>Items of %1 (submitted %2, read-only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
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
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开记录</source>
        <translation>Publications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（超时%1）</source>
        <translation> (%1 late)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证材料（双击打开）</source>
        <translation>Evidence (double-click to open)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超时</source>
        <translation>late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开：</source>
        <translation>Published: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报送包不含此文件</source>
        <translation>The submission package does not contain this file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文字说明</source>
        <translation>Text note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报送包不含此佐证文件（导出时选择了不含佐证文件）。</source>
        <translation>The submission package does not contain this evidence file (it was exported without evidence files).</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../zwgk_desktop/ui/date_field.py" line="+93"/>
        <source>输入日期，如 2024-10-31 或 20241031；清空表示未设置。按 F4 或 Alt+↓ 打开日历。</source>
        <translation>Type a date, e.g. 2024-10-31 or 20241031; leave empty for none. Press F4 or Alt+↓ for the calendar.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>从日历中选择（F4）</source>
        <translation>Pick from the calendar (F4)</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../zwgk_desktop/ui/detail_panel.py" line="+78"/>
        <source>承办人姓名</source>
        <translation>Assignee name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未设置（可输入 2024-10-31 或 20241031）</source>
        <translation>Not set (type 2024-10-31 or 20241031)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除到期日</source>
        <translation>Clear due date</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>备注（自动保存）</source>
        <translation>Notes (saved automatically)</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+128"/>
        <source>时限理解</source>
        <translation>Deadline reading</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>配合单位</source>
        <translation>Supporting unit</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location filename="../../zwgk_desktop/ui/diff_view.py" line="+42"/>
        <location line="+3"/>
        <location line="+5"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+4"/>
        <location line="+4"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确认归档</source>
        <translation>Confirm archiving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理记录</source>
        <translation>Work done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原内容</source>
        <translation>Old</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新内容</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>视为同一事项</source>
        <translation>Same item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原事项</source>
        <translation>Old item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新版事项</source>
        <translation>New version&apos;s item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>相似度</source>
        <translation>Similarity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不同之处</source>
        <translation>Differences</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原事项的办理记录</source>
        <translation>Work done on the old item</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>无需确认</source>
        <translation>No confirmation needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待确认</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>同一事项</source>
        <translation>Same item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>作为新事项</source>
        <translation>As a new item</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>另有 {0} 个事项没有变化。</source>
        <translation>{0} other items are unchanged.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>新增 ({0})</source>
        <translation>Added ({0})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除（将归档） ({0})</source>
        <translation>Deleted (archived) ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改 ({0})</source>
        <translation>Changed ({0})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>相近（需确认） ({0})</source>
        <translation>Similar (please check) ({0})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · {0} 项待确认</source>
        <translation> · {0} to confirm</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../zwgk_desktop/ui/evidence_panel.py" line="+210"/>
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
        <location line="+143"/>
        <location line="+5"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="-147"/>
        <location line="+167"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>公开记录</source>
        <translation>Publication Records</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新增公开记录…</source>
        <translation>New Publication Record…</translation>
    </message>
    <message>
        <location line="+33"/>
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
        <location line="+31"/>
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
        <source>“{0}”在数据库中记录的存储位置不合规（可能被本程序之外的方式改动过），为安全起见不打开。请运行“检查数据完整性”。</source>
        <translation>The storage location recorded in the database for “{0}” is not valid (it may have been changed outside this app), so it is not opened for safety. Please run “Check Data Integrity”.</translation>
    </message>
    <message>
        <location line="+5"/>
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
    <name>FilterEmptyState</name>
    <message>
        <location filename="../../zwgk_desktop/ui/filter_empty_state.py" line="+24"/>
        <source>当前筛选条件下没有事项</source>
        <translation>No items match the current filters</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>清除筛选</source>
        <translation>Clear Filters</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>（{0}）</source>
        <translation>({0})</translation>
    </message>
</context>
<context>
    <name>FolderSummaryDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/annual_check_dialog.py" line="+24"/>
        <source>文件夹检查汇总</source>
        <translation>Folder check summary</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>首个问题</source>
        <translation>First problem</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>共{n}份报告，{e}份有错误。</source>
        <translation>{n} reports, {e} with errors.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HolidayNoticeDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/holiday_notice_dialog.py" line="+142"/>
        <source>节假日安排</source>
        <translation>Holiday Arrangements</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已收录到 %1 年。国务院办公厅公布下一年的《部分节假日安排的通知》后，把通知全文粘贴到下面（或打开保存的文本文件），核对右侧识别出的放假和调休上班日期，无误后点“保存”。</source>
        <translation>Holidays are known up to %1. When the State Council General Office publishes next year&apos;s notice on holiday arrangements, paste its full text below (or open a saved text file), check the holidays and make-up working days recognised on the right, then click “Save”.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>例如：
国务院办公厅关于2027年部分节假日安排的通知
……
一、元旦：1月1日放假……
二、春节：……放假调休，共8天。……（周六）上班。</source>
        <translation>For example:
Notice of the General Office of the State Council on Holiday Arrangements for 2027
…
1. New Year&apos;s Day: 1 January off…
2. Spring Festival: … off with make-up working days, 8 days in all. … (Saturday) working day.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开文本文件…</source>
        <translation>Open Text File…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导入日历 JSON 文件…</source>
        <translation>Import Calendar JSON File…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>通知中没有写明年份，请选择：</source>
        <translation>The notice names no year; choose one:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&lt;span style=&quot;color:#d93025&quot;&gt;■&lt;/span&gt; 放假&#x3000;&lt;span style=&quot;color:#1a73e8&quot;&gt;■&lt;/span&gt; 调休上班</source>
        <translation>&lt;span style=&quot;color:#d93025&quot;&gt;■&lt;/span&gt; Holiday&amp;nbsp;&amp;nbsp;&lt;span style=&quot;color:#1a73e8&quot;&gt;■&lt;/span&gt; Make-up working day</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>节日</source>
        <translation>Festival</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>放假</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>调休上班</source>
        <translation>Make-up working days</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>打开通知文本</source>
        <translation>Open Notice Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文本文件 (*.txt);;所有文件 (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>导入节假日安排</source>
        <translation>Import Holiday Arrangements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>节假日日历 (*.json)</source>
        <translation>Holiday calendars (*.json)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>粘贴通知全文后，这里显示识别出的日历。</source>
        <translation>Paste the full text of the notice; the calendar it describes appears here.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>通知中没有写明年份，按所选的 %1 年识别，请确认年份。</source>
        <translation>The notice names no year; it was read as %1. Please confirm the year.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1年：%2 个放假日，%3 个调休上班日。请与通知核对。</source>
        <translation>%1: %2 holidays, %3 make-up working days. Please check them against the notice.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（%1 年已收录，保存后以本通知为准）</source>
        <translation> (%1 is already known; after saving, this notice applies)</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/import_dialog.py" line="+66"/>
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
        <location line="+38"/>
        <source>更新清单</source>
        <translation>Update Checklist</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入模板</source>
        <translation>Import Template</translation>
    </message>
    <message>
        <location line="+16"/>
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
        <location line="+13"/>
        <source>清单名称：</source>
        <translation>Checklist name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+16"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>读取时的提示 ({0})</source>
        <translation>Import Notes ({0})</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+7"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+6"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+29"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>不像清单的文件（按要求导入，请逐项核对）</source>
        <translation>Not a checklist-like file (imported as asked; check each item)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>这是清单“{0}”所用模板的新版本。应用更新后，原有事项的办理状态、佐证材料和记录都会保留；模板中删去的事项会归档，不会删除，其中有办理记录的要逐项确认。请核对下面的变化：</source>
        <translation>This is a new version of the template used by checklist “{0}”. Applying the update keeps the status, evidence and records of existing items; items removed from the template are archived, not deleted, and those with work done must be confirmed one by one. Please check the changes below:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开时限</source>
        <translation>Disclosure deadline</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>识别为</source>
        <translation>Understood as</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>公开渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>更新内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新版事项 ({0})</source>
        <translation>New version&apos;s items ({0})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>各分类 ({0})</source>
        <translation>Categories ({0})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>跳过的行 ({0})</source>
        <translation>Skipped rows ({0})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>读取时没有发现问题。</source>
        <translation>No problems found while reading the file.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} 条读取提示</source>
        <translation>{0} import notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} 个事项有提示（红字）</source>
        <translation>{0} items have notes (in red)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>跳过了 {0} 行</source>
        <translation>{0} rows skipped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请核对：{0}。</source>
        <translation>Please check: {0}.</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+37"/>
        <source>事项 ({0})</source>
        <translation>Items ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项 ({0}/{1} 已勾选)</source>
        <translation>Items ({0}/{1} ticked)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>有 {0} 个将归档的事项有办理记录，请在“删除（将归档）”中逐项勾选“确认归档”后再应用更新。</source>
        <translation>{0} items to be archived have work done; tick “Confirm archiving” for each of them under “Deleted (archived)” before applying the update.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>没有勾选任何事项。</source>
        <translation>No item is ticked.</translation>
    </message>
    <message>
        <location line="-128"/>
        <location line="+75"/>
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
    <name>InputMethod</name>
    <message>
        <location filename="../../zwgk_desktop/ui/input_method.py" line="+135"/>
        <source>正在运行的是 fcitx 4 输入法（如旧版搜狗输入法），它无法在本程序的窗口中输入中文。
请安装 fcitx5 输入法（软件包 fcitx5、fcitx5-chinese-addons）或 ibus 输入法（软件包 ibus、ibus-libpinyin），在系统的输入法设置中切换过去，注销后重新登录，再打开本程序。</source>
        <translation>The running input method is fcitx 4 (such as the old Sogou input method), which cannot type Chinese in this program&apos;s window.
Install the fcitx5 input method (packages fcitx5, fcitx5-chinese-addons) or the ibus input method (packages ibus, ibus-libpinyin), switch to it in the system&apos;s input method settings, log out and back in, then open this program again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>检测到中文输入法，但本程序缺少连接它所需的 ibus 输入法插件，可能无法输入中文。
请重新安装本程序；如仍不能输入，请把这条提示告诉技术支持。</source>
        <translation>A Chinese input method was found, but this program lacks the ibus input method plugin needed to connect to it, so typing Chinese may not work.
Reinstall this program; if typing still does not work, pass this message on to technical support.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有检测到正在运行的中文输入法，在本程序中可能无法输入中文。
请安装 fcitx5 输入法（软件包 fcitx5、fcitx5-chinese-addons）或 ibus 输入法（软件包 ibus、ibus-libpinyin）并在系统设置中启用，然后重新打开本程序。</source>
        <translation>No running Chinese input method was found, so typing Chinese in this program may not work.
Install the fcitx5 input method (packages fcitx5, fcitx5-chinese-addons) or the ibus input method (packages ibus, ibus-libpinyin), enable it in the system settings, then open this program again.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>中文输入法</source>
        <translation>Chinese input method</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不再提示</source>
        <translation>Don&apos;t show again</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <location filename="../../zwgk_desktop/ui/item_model.py" line="+45"/>
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
        <location line="+232"/>
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
        <translation>evidence files: {n}</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/evidence_panel.py" line="-344"/>
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
        <location filename="../../zwgk_desktop/ui/errors.py" line="+21"/>
        <location filename="../../zwgk_desktop/ui/main_window.py" line="+621"/>
        <location line="+182"/>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../zwgk_desktop/ui/main_window.py" line="-532"/>
        <source>查看逾期事项</source>
        <translation>Show Overdue Items</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭提醒</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location line="+60"/>
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
        <source>核对报告或备份的数据校验码…</source>
        <translation>Verify the Data Check Code of a Report or Backup…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入节假日安排…</source>
        <translation>Import Holiday Calendar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回收站（已移除的清单、事项和佐证材料）…</source>
        <translation>Recycle Bin (removed checklists, items and evidence)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重命名清单…</source>
        <translation>Rename Checklist…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移除清单…</source>
        <translation>Remove Checklist…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+722"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="-721"/>
        <source>政府信息公开工作年度报告…</source>
        <translation>Annual Report on Government Information Disclosure…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出报送包…</source>
        <translation>Export Submission Package…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入报送包…</source>
        <translation>Import Submission Packages…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>县级汇总…</source>
        <translation>County Roll-up…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出佐证材料包…</source>
        <translation>Export Evidence Pack…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>粘贴截图或文件为佐证材料</source>
        <translation>Paste screenshot or files as evidence</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>备份、恢复与检查(&amp;B)</source>
        <translation>&amp;Backup, Restore and Checks</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>清单(&amp;L)</source>
        <translation>&amp;Checklist</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="core_messages.py" line="+4"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="core_messages.py" line="+1"/>
        <source> 清单 </source>
        <translation> Checklist </translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="core_messages.py" line="+1"/>
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
        <location line="+190"/>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location line="-62"/>
        <location filename="core_messages.py" line="+1"/>
        <source>正在载入“%1”（%2 项）…</source>
        <translation>Loading “%1” (%2 items)…</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>本单位（%1）</source>
        <translation>My office (%1)</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="core_messages.py" line="-5"/>
        <source>zwgk-desktop 政务公开台账 — {office}</source>
        <translation>zwgk-desktop Disclosure Ledger — {office}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="core_messages.py" line="+1"/>
        <source>zwgk-desktop 政务公开台账</source>
        <translation>zwgk-desktop Disclosure Ledger</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>此版本不支持添加佐证材料。</source>
        <translation>This version cannot add evidence.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 等 %2 个文件</source>
        <translation>%1 and %2 files in all</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已把 %1 添加为“%2”的佐证材料。</source>
        <translation>Added %1 as evidence of “%2”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已把 %1 添加为 %2 个事项的佐证材料。</source>
        <translation>Added %1 as evidence of %2 items.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>松开鼠标，把 %1 个文件添加到“%2”</source>
        <translation>Release to add %1 files to “%2”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>松开鼠标，把 %1 个文件添加到选中的 %2 个事项</source>
        <translation>Release to add %1 files to the %2 selected items</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请先在表格中选择一个事项，再按 Ctrl+V 粘贴截图。</source>
        <translation>Select an item in the table first, then press Ctrl+V to paste the screenshot.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>剪贴板中没有图片或文件，无法粘贴为佐证材料。</source>
        <translation>The clipboard holds no image or files to paste as evidence.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有新增佐证材料：剪贴板中的内容已是“%1”的佐证材料，或已取消。</source>
        <translation>No evidence added: the clipboard content is already evidence of “%1”, or it was cancelled.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>搜索“%1”</source>
        <translation>Search “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>状态：%1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>单位：%1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>分类：%1</source>
        <translation>Category: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <location filename="core_messages.py" line="+7"/>
        <source>请先导入或选择一个事项清单。</source>
        <translation>Import or select a checklist first.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>重命名清单</source>
        <translation>Rename Checklist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单“{name}”的新名称：</source>
        <translation>New name for checklist “{name}”:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>无法重命名</source>
        <translation>Cannot Rename</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已将清单重命名为“{name}”。</source>
        <translation>Checklist renamed to “{name}”.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>移除清单</source>
        <translation>Remove Checklist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把清单“{name}”移入回收站？</source>
        <translation>Move checklist “{name}” to the Recycle bin?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其中有 {items} 个事项（已完成 {done} 个）、{evidence} 份佐证材料、{publications} 条公开记录。
移除后它不再出现在清单列表和报告中；这些内容都完整保存在回收站（清单 → 回收站），可以随时恢复。</source>
        <translation>It holds {items} items ({done} done), {evidence} evidence files and {publications} publication records.
After removal it no longer appears in the checklist list or in reports; everything is kept in the Recycle bin (Checklist → Recycle Bin) and can be restored at any time.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>移入回收站</source>
        <translation>Move to Recycle Bin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已将清单“{name}”移入回收站，可在“清单 → 回收站”中恢复。</source>
        <translation>Checklist “{name}” moved to the Recycle bin; restore it from “Checklist → Recycle Bin”.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已载入示例清单“{name}”，共 {n} 项。</source>
        <translation>Loaded the example checklist “{name}” ({n} items).</translation>
    </message>
    <message>
        <location filename="core_messages.py" line="+1"/>
        <source>导出模板</source>
        <translation>Export Template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法写入文件“{path}”：{err}</source>
        <translation>Cannot write “{path}”: {err}</translation>
    </message>
    <message>
        <location filename="../../zwgk_desktop/ui/main_window.py" line="+6"/>
        <source>已导出模板：{path}</source>
        <translation>Template exported: {path}</translation>
    </message>
    <message>
        <location filename="core_messages.py" line="+1"/>
        <source>备份工作区</source>
        <translation>Back Up Workspace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件 (*.zip)</source>
        <translation>Backup files (*.zip)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已备份到：%1
共 %2 个文件。请把备份文件另存到U盘或其他电脑。</source>
        <translation>Backed up to: %1
%2 files. Please copy the backup to a USB drive or another computer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以下文件未备份：</source>
        <translation>These files were not backed up:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从备份恢复</source>
        <translation>Restore from Backup</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>已从备份恢复。</source>
        <translation>Restored from backup.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原工作区已保留在：%1</source>
        <translation> The previous workspace was kept at: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查数据完整性</source>
        <translation>Check Data Integrity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现 %1 个问题（已校验 %2 个佐证文件）。建议从最近的备份恢复，或联系技术支持。</source>
        <translation>Found %1 problems (%2 evidence files checked). Restore from the latest backup or contact support.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据完整：数据库检查通过，变更记录校验链完整，各条记录与变更记录一致，%1 个佐证文件的 SHA-256 一致。</source>
        <translation>Data intact: the database check passed, the change log&apos;s hash chain is complete, every record matches the change log, and the SHA-256 of %1 evidence files matches.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前数据校验码：%1</source>
        <translation>Current data check code: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对报告或备份的数据校验码</source>
        <translation>Verify the data check code of a report or backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报告或备份 (*.pdf *.zip)</source>
        <translation>Reports or backups (*.pdf *.zip)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入节假日安排</source>
        <translation>Import Holiday Calendar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导入 %1 年的放假安排。现已收录到 %2 年，工作日计算将按官方安排进行。</source>
        <translation>Imported the %1 holiday schedule. Official schedules now cover years up to %2; working days follow them.</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>已保存 %1 年的放假安排。现已收录到 %2 年，工作日计算将按官方安排进行。</source>
        <translation>Holiday arrangements for %1 saved. Holidays are now known up to %2; working days follow the official arrangements.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>节假日安排</source>
        <translation>Holiday Arrangements</translation>
    </message>
    <message>
        <location filename="../../zwgk_desktop/ui/main_window.py" line="+76"/>
        <source>&lt;h3&gt;zwgk-desktop 政务公开台账&lt;/h3&gt;&lt;p&gt;版本 {version}&lt;/p&gt;&lt;p&gt;离线管理基层政务公开标准目录与工作要点：事项清单、佐证材料、模板导入与合规报告。&lt;/p&gt;&lt;p&gt;工作区：{folder}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;zwgk-desktop Disclosure Ledger&lt;/h3&gt;&lt;p&gt;Version {version}&lt;/p&gt;&lt;p&gt;Offline management of government information disclosure catalogues and annual priorities: checklists, evidence, template import and compliance reports.&lt;/p&gt;&lt;p&gt;Workspace: {folder}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="core_messages.py" line="+24"/>
        <source>本单位</source>
        <translation>My office</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>导出报送包</source>
        <translation>Export submission package</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>报送包 (*.zip)</source>
        <translation>Submission packages (*.zip)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报送包中包含佐证文件本身吗？
选“否”只列出佐证材料，文件更小。</source>
        <translation>Include the evidence files themselves in the submission package?
Choose No to only list the evidence; the file is smaller.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导出报送包：%1
%2，%3 项，佐证文件 %4 个。</source>
        <translation>Submission package exported: %1
%2, %3 items, %4 evidence files.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入报送包</source>
        <translation>Import submission packages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导入，替换了该单位较早的报送包（旧包保留）</source>
        <translation>Imported, replacing the office&apos;s earlier package (the old package is kept)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导入过，未改动</source>
        <translation>Already imported, unchanged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{office}（{file}）：{result}</source>
        <translation>{office} ({file}): {result}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出佐证材料包</source>
        <translation>Export evidence pack</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证材料包 (*.zip)</source>
        <translation>Evidence packs (*.zip)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导出佐证材料包：%1
%2 个事项，文件 %3 个，链接 %4 个。</source>
        <translation>Evidence pack exported: %1
%2 items, %3 files, %4 links.</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/mapping_dialog.py" line="+159"/>
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
    <name>MonthGrid</name>
    <message>
        <location filename="../../zwgk_desktop/ui/holiday_notice_dialog.py" line="-245"/>
        <source>放假</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>一,二,三,四,五,六,日</source>
        <translation>Mo,Tu,We,Th,Fr,Sa,Su</translation>
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
    <name>OfficeDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/settings_dialog.py" line="+124"/>
        <location line="+24"/>
        <source>单位名称</source>
        <translation>Office Name</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>报告的封面和页眉要写上本单位的名称。请填写单位名称，它会保存在设置中，以后可在“文件 → 设置…”中修改。</source>
        <translation>The cover and page headers of the report show your office&apos;s name. Please enter it; it is saved in the settings and can be changed later under “File → Settings…”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>例如：某某镇人民政府</source>
        <translation>E.g.: People&apos;s Government of X Town</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存并继续</source>
        <translation>Save and Continue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请填写单位名称。</source>
        <translation>Please enter the office name.</translation>
    </message>
</context>
<context>
    <name>PublicationDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/publication_dialog.py" line="+61"/>
        <source>新增公开记录</source>
        <translation>New Publication Record</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>公开时限：{0}</source>
        <translation>Disclosure deadline: {0}</translation>
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
    <name>PublicationTable</name>
    <message>
        <location filename="../../zwgk_desktop/ui/publication_table.py" line="+32"/>
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
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/annual_dialog.py" line="+21"/>
        <source>（清单中没有关于年度报告的事项）</source>
        <translation>(no checklist item is about the annual report)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记年度报告发布</source>
        <translation>Record annual report publication</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>政府网站</source>
        <translation>Government website</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网址或栏目，如 政府信息公开专栏 › 政府信息公开年报</source>
        <translation>Address or section, e.g. Government information disclosure › Annual reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>清单事项</source>
        <translation>Checklist item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发布日期</source>
        <translation>Publication date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReportOptionsDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/report_actions.py" line="+81"/>
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
        <location filename="../../zwgk_desktop/ui/print_preview.py" line="+77"/>
        <source>打印预览 - {0}</source>
        <translation>Print Preview - {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../zwgk_desktop/ui/settings_dialog.py" line="-118"/>
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
        <location line="+2"/>
        <source>节假日安排</source>
        <translation>Holiday Arrangements</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>节假日安排…</source>
        <translation>Holiday Arrangements…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已收录 %1—%2 年的放假安排</source>
        <translation>Holiday arrangements known for %1–%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>无法保存设置</source>
        <translation>Cannot Save Settings</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../zwgk_desktop/ui/item_model.py" line="-227"/>
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
        <location filename="../../zwgk_desktop/ui/welcome.py" line="+18"/>
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
    <message numerus="yes">
        <location line="+17"/>
        <source>回收站中有 %n 个已移除的清单，查看或恢复…</source>
        <translation>
            <numerusform>%n removed checklist in the Recycle bin, view or restore…</numerusform>
            <numerusform>%n removed checklists in the Recycle bin, view or restore…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_SheetPage</name>
    <message>
        <location filename="../../zwgk_desktop/ui/mapping_dialog.py" line="-172"/>
        <source>忽略</source>
        <translation>Ignore</translation>
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
        <location filename="../../zwgk_desktop/ui/app.py" line="-251"/>
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
    <name>confirm</name>
    <message>
        <location filename="../../zwgk_desktop/ui/confirm.py" line="+18"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="core_messages.py" line="-218"/>
        <source>模板更新中删除</source>
        <translation>Removed in a template update</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手动归档</source>
        <translation>Archived by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回收站中没有清单“{name}”。回收站中的清单：{names}</source>
        <translation>There is no checklist “{name}” in the Recycle bin. Checklists in the Recycle bin: {names}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到这份已移除的佐证材料。</source>
        <translation>This removed evidence cannot be found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{original_name}”的文件已被永久清理，无法恢复。</source>
        <translation>The file of “{original_name}” was purged for good and cannot be restored.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到清单“{name}”。</source>
        <translation>Checklist “{name}” not found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回收站中没有已移除的清单。</source>
        <translation>There are no removed checklists in the Recycle bin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回收站中有 {n} 个名为“{name}”的清单，请用编号指定其中一个：{ids}</source>
        <translation>The Recycle bin holds {n} checklists named “{name}”; name one of them by its ID: {ids}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回收站中没有这个清单。</source>
        <translation>This checklist is not in the Recycle bin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到这个清单。</source>
        <translation>This checklist cannot be found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单“{name}”正在使用，不能彻底删除。请先把它移入回收站（移除清单）。</source>
        <translation>Checklist “{name}” is in use and cannot be deleted permanently. Move it to the Recycle bin first (Remove Checklist).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{id}（{when} 移除）</source>
        <translation>{id} (removed {when})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已有一个名为“{name}”的清单在使用，无法恢复同名清单。请先把正在使用的那个清单重命名（清单 → 重命名清单…，或 zwgk checklists rename），再恢复。</source>
        <translation>A checklist named “{name}” is in use, so a checklist of the same name cannot be restored. Rename the one in use first (Checklist → Rename Checklist…, or zwgk checklists rename), then restore.</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>{name}：路径不安全（只允许数据库、evidence/ 与 calendar/ 下本程序写入的文件名）</source>
        <translation>{name}: unsafe path (only the database and file names this app writes under evidence/ and calendar/ are allowed)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>{name}：清单中重复出现</source>
        <translation>{name}: listed twice in the manifest</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name}：清单记录的大小与备份中的实际大小不符</source>
        <translation>{name}: the size in the manifest differs from the size in the backup</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>{name}：解压后 {size} GB，超过单个文件上限 {limit} GB</source>
        <translation>{name}: {size} GB unpacked, more than the {limit} GB limit for one file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：压缩比 {ratio}:1 超过上限 {limit}:1，疑似“压缩炸弹”</source>
        <translation>{name}: compression ratio {ratio}:1 is over the {limit}:1 limit (suspected “zip bomb”)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>已取消备份。</source>
        <translation>Backup cancelled.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>一文件备份只适用于本机工作区（SQLite）；服务器数据库请用数据库自身的备份工具。</source>
        <translation>One-file backups are only for workspaces on this PC (SQLite); for a server database use the database&apos;s own backup tools.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>备份“{name}”的清单文件过大（超过 {limit} MB），已拒绝。</source>
        <translation>The manifest of backup “{name}” is too large (over {limit} MB) and was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“{name}”不是 zwgk-desktop 的备份。</source>
        <translation>File “{name}” is not a zwgk-desktop backup.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份“{name}”由更新版本的程序生成，请先升级本程序。</source>
        <translation>Backup “{name}” was made by a newer version of the app; please upgrade this app first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份“{name}”的清单文件已损坏。</source>
        <translation>The manifest of backup “{name}” is damaged.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份“{name}”中的文件数超过上限 {limit}，已拒绝。</source>
        <translation>Backup “{name}” holds more than {limit} files and was refused.</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>{name}：备份中缺少此文件</source>
        <translation>{name}: this file is missing from the backup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>解压后共 {size} GB，超过上限 {limit} GB</source>
        <translation>{size} GB unpacked in all, more than the {limit} GB limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{db_name}：备份中没有数据库</source>
        <translation>{db_name}: the backup holds no database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：不是 SQLite 数据库文件</source>
        <translation>{name}: not an SQLite database file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份“{name}”校验未通过，未做任何更改：{problems}</source>
        <translation>Backup “{name}” failed verification; nothing was changed: {problems}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}”：数据库中记录的存储位置“{path}”不合规，未备份该文件</source>
        <translation>“{name}”: the storage location “{path}” recorded in the database is not valid; this file was not backed up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>写入备份文件“{name}”失败（{reason}），没有生成备份，工作区未受影响。</source>
        <translation>Writing backup file “{name}” failed ({reason}); no backup was made and the workspace is unaffected.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>文件“{name}”不是 zwgk-desktop 的备份（缺少 {manifest}）。</source>
        <translation>File “{name}” is not a zwgk-desktop backup ({manifest} is missing).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到备份文件“{path}”。</source>
        <translation>Backup file “{path}” not found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件“{name}”已损坏或不是 .zip 文件。</source>
        <translation>Backup file “{name}” is damaged or not a .zip file.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>{name}：内容与记录的 SHA-256 不符</source>
        <translation>{name}: content does not match the recorded SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：无法读取（{reason}）</source>
        <translation>{name}: cannot be read ({reason})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：无法打开（{reason}）</source>
        <translation>{name}: cannot be opened ({reason})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：数据库文件已损坏（{detail}）</source>
        <translation>{name}: the database file is damaged ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：不是本程序的数据库（没有版本信息）</source>
        <translation>{name}: not a database of this app (no version information)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：数据库版本（{rev}）比本程序新，是更新版本的程序写入的，请先升级本程序</source>
        <translation>{name}: the database version ({rev}) is newer than this app (written by a newer version); please upgrade this app first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：表 {table} 第 {rowid} 行引用了表 {parent} 中不存在的记录</source>
        <translation>{name}: table {table} row {rowid} refers to a missing record in table {parent}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：数据库文件已损坏（{reason}）</source>
        <translation>{name}: the database file is damaged ({reason})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份中的“{name}”路径不安全，未做任何更改。</source>
        <translation>The path “{name}” in the backup is unsafe; nothing was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份中的“{name}”在解压时与记录的 SHA-256 不符，未做任何更改。</source>
        <translation>“{name}” in the backup does not match its recorded SHA-256 when unpacked; nothing was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法在“{folder}”中准备恢复（{reason}），未做任何更改。</source>
        <translation>Cannot prepare the restore in “{folder}” ({reason}); nothing was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法写入恢复记录（{reason}），未做任何更改。</source>
        <translation>Cannot write the restore journal ({reason}); nothing was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法替换工作区文件夹“{data_dir}”（{value}），未做任何更改。请关闭打开了其中文件的程序后重试。</source>
        <translation>Cannot replace the workspace folder “{data_dir}” ({value}); nothing was changed. Close any program that has files in it open and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读取工作区数据库以生成备份时出错（{reason}），没有生成备份。请先运行“检查数据完整性”。</source>
        <translation>Reading the workspace database for the backup failed ({reason}); no backup was made. Please run “Check Data Integrity” first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>写入恢复文件“{file}”失败（{reason}），未做任何更改。</source>
        <translation>Writing restored file “{file}” failed ({reason}); nothing was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>磁盘空间不足：恢复需要 {need} MB，“{folder}”所在磁盘只剩 {free} MB，未做任何更改。</source>
        <translation>Not enough disk space: the restore needs {need} MB, the disk of “{folder}” has only {free} MB left; nothing was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法把备份中的数据库解压到临时文件夹“{folder}”进行检查（{reason}）。</source>
        <translation>Cannot unpack the backup&apos;s database into the temporary folder “{folder}” for checking ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份“{name}”中的数据库无法使用，未做任何更改：{problems}</source>
        <translation>The database in backup “{name}” cannot be used; nothing was changed: {problems}</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>找不到清单“{name_or_id}”。现有清单：{names}</source>
        <translation>Checklist “{name_or_id}” not found. Existing checklists: {names}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{items} 个事项（已完成 {done} 个）、{evidence} 份佐证材料、{publications} 条公开记录</source>
        <translation>{items} items ({done} done), {evidence} evidence files, {publications} publication records</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区中还没有清单，请先导入模板（zwgk import 文件）。</source>
        <translation>The workspace has no checklist yet; import a template first (zwgk import FILE).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“{source_file}”中没有可导入的事项。</source>
        <translation>File “{source_file}” holds no items to import.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已存在名为“{name}”的清单。请换一个名称，或用新版本更新该清单。</source>
        <translation>A checklist named “{name}” already exists. Choose another name, or update that checklist with the new version.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单名称不能为空。</source>
        <translation>The checklist name cannot be empty.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单名称太长（{n} 个字），请控制在 {limit} 个字以内。</source>
        <translation>The checklist name is too long ({n} characters); keep it within {limit}.</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>已存在名为“{name}”的清单，请换一个名称。</source>
        <translation>A checklist named “{name}” already exists; please choose another name.</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>清单“{name}”已移入回收站。需要时可以恢复：zwgk checklists restore {name}</source>
        <translation>Checklist “{name}” was moved to the Recycle bin. It can be restored: zwgk checklists restore {name}</translation>
    </message>
    <message>
        <location line="-438"/>
        <source>佐证材料包需要单位名称：请先用 zwgk settings --office 名称 设置本单位。</source>
        <translation>An evidence pack needs the office name: set My office first with zwgk settings --office NAME.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消导出佐证材料包。</source>
        <translation>Evidence pack export cancelled.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>报送包“{name}”无法导入：{why}。没有导入任何内容。</source>
        <translation>Submission package {name} cannot be imported: {why}. Nothing was imported.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name}：路径不安全（只允许 ledger.json、annual/ 与 evidence/ 下本程序写入的文件名）</source>
        <translation>{name}: unsafe path (only ledger.json and the file names this program writes under annual/ and evidence/ are allowed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}：清单记录的大小与报送包中的实际大小不符</source>
        <translation>{name}: the size recorded in the manifest does not match its actual size in the package</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>{name}：台账内容格式不对</source>
        <translation>{name}: the ledger content has the wrong format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单文件 {m} 过大（超过 {limit} MB）</source>
        <translation>Manifest file {m} is too large (over {limit} MB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不是 zwgk-desktop 的报送包</source>
        <translation>not a zwgk-desktop submission package</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单文件 {m} 已损坏（format_version）</source>
        <translation>manifest file {m} is damaged (format_version)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由更新版本的程序生成（格式第 {v} 版），请先升级本程序</source>
        <translation>made by a newer version of the program (format version {v}); upgrade this program first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单文件 {m} 缺少文件列表</source>
        <translation>manifest file {m} has no file list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件数超过上限 {limit}</source>
        <translation>more files than the limit of {limit}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}：报送包中缺少此文件</source>
        <translation>{name}: this file is missing from the package</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}：第{n}项格式不对</source>
        <translation>{name}: entry {n} has the wrong format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由数据库版本“{rev}”的程序生成，本程序不认识这个版本，请先升级本程序</source>
        <translation>made by a program with database version {rev}, which this program does not know; upgrade this program first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模板“{tpl}”（{issuer}，版本“{version}”）本工作区没有：请先导入该模板（导入模板… 或 zwgk import），再导入报送包</source>
        <translation>this workspace does not have template {tpl} ({issuer}, version {version}): import that template first (Import template… or zwgk import), then the submission package</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不是 zwgk-desktop 的报送包（缺少 {m}），可能没有写完整</source>
        <translation>not a zwgk-desktop submission package ({m} is missing); it may not have been written completely</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单文件 {m} 已损坏</source>
        <translation>manifest file {m} is damaged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单文件 {m} 缺少字段“{field}”</source>
        <translation>manifest file {m} lacks the field {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：第{n}项缺少“{field}”</source>
        <translation>{name}: entry {n} lacks {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到报送包文件“{path}”。</source>
        <translation>Submission package file {path} not found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件已损坏、没有写完整或不是 .zip 文件</source>
        <translation>the file is damaged, incomplete or not a .zip file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：报送包中没有台账</source>
        <translation>{name}: the package has no ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：清单中没有记录的文件</source>
        <translation>{name}: a file not listed in the manifest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} 过大</source>
        <translation>{name} is too large</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：内容与记录的 SHA-256 不符（文件被改动或已损坏）</source>
        <translation>{name}: content does not match the recorded SHA-256 (the file was changed or is damaged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：不是有效的 JSON</source>
        <translation>{name}: not valid JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已取消导出报送包。</source>
        <translation>Submission package export cancelled.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报送包需要单位名称：请先用 zwgk settings --office 名称 设置本单位。</source>
        <translation>A submission package needs the office name: set My office first with zwgk settings --office NAME.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整改台账“{path}”已损坏：请从备份恢复工作区。</source>
        <translation>The rectification ledger {path} is damaged: restore the workspace from a backup.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有编号为“{id}”的问题。</source>
        <translation>There is no problem with the number {id}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题来源“{source}”不对：应为{choices}之一。</source>
        <translation>Problem source “{source}” is not valid: it should be one of {choices}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写问题描述（失分原因）。</source>
        <translation>Enter the problem description (the reason points were lost).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请给出整改时限：截止日期，或从今天起的工作日数（二者选一）。</source>
        <translation>Give the rectification deadline: a due date, or a number of working days from today (one of the two).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改时限“{n}”个工作日不合理（应为1到60）。</source>
        <translation>A rectification deadline of {n} working days is not reasonable (it should be 1 to 60).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有单位“{office}”的报送包。</source>
        <translation>There is no submission package from the office {office}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{office}没有待整改的问题。</source>
        <translation>{office} has no problems awaiting rectification.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}”不是本程序导出的问题清单。</source>
        <translation>{name} is not a problem list exported by this program.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题清单“{name}”是发给{office}的，不是本单位的，未导入。</source>
        <translation>Problem list {name} is addressed to {office}, not to My office; it was not imported.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{office}的报送包中没有编号为“{item}”的事项。</source>
        <translation>The submission package of {office} has no item with the number {item}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请指明问题所在的事项（--item）或测评指标（--indicator）。</source>
        <translation>Name the item (--item) or the evaluation indicator (--indicator) the problem is about.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题“{id}”已经销号。</source>
        <translation>Problem {id} is already closed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题“{id}”（{office}）尚未整改：该单位的报送包还没有报回整改情况，不能销号。</source>
        <translation>Problem {id} ({office}) has not been rectified yet: the office&apos;s submission package has not reported the rectification, so it cannot be closed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到问题清单文件“{path}”。</source>
        <translation>Problem list file {path} not found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题清单“{name}”已损坏或不是本程序导出的文件。</source>
        <translation>Problem list {name} is damaged or was not exported by this program.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题清单“{name}”第{n}条：事项或整改时限不对（本单位的清单中找不到该事项），未导入。</source>
        <translation>Problem list {name}, entry {n}: the item or the rectification deadline is wrong (the item is not in My office&apos;s checklist); nothing was imported.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>县级汇总索引“{path}”已损坏：请从备份恢复工作区。</source>
        <translation>The county roll-up index {path} is damaged: restore the workspace from a backup.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{problems}。没有导入任何报送包。</source>
        <translation>{problems}. No submission package was imported.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级汇总索引中的路径“{path}”不合规。</source>
        <translation>The path {path} in the county roll-up index is not valid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证文件名“{name}”不合规。</source>
        <translation>The evidence file name {name} is not valid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报送包“{name}”（{office}，导出于 {created}）比已导入的（导出于 {current}）旧，未导入</source>
        <translation>submission package {name} ({office}, exported {created}) is older than the one already imported (exported {current}); not imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{office}的报送包不含佐证文件（导出时选择了不含佐证文件）。</source>
        <translation>The submission package of {office} has no evidence files (it was exported without them).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{office}的报送包中佐证文件“{name}”已损坏。</source>
        <translation>Evidence file {name} in the submission package of {office} is damaged.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报送包“{name}”在导入过程中被改动，没有导入任何报送包。</source>
        <translation>Submission package {name} was changed during the import; no submission package was imported.</translation>
    </message>
    <message>
        <location line="+228"/>
        <source>“{text}”不是日期，请按 2024-10-31 或 20241031 的格式输入</source>
        <translation>“{text}” is not a date; type it as 2024-10-31 or 20241031</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}”不是有效的日期：{year}年没有{month}月{day}日</source>
        <translation>“{text}” is not a valid date: {year} has no {month}/{day}</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>数据库</source>
        <translation>database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这次修改没有保存，</source>
        <translation>this change was not saved; </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区的数据库“{db}”正被另一个程序长时间占用（数据库已锁定），{lost}请稍后再试。</source>
        <translation>The workspace database “{db}” is held by another program for a long time (database locked); {lost}please try again later.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>磁盘空间不足，写入数据库“{db}”失败，{lost}请清理磁盘后再试。已保存的数据不受影响。</source>
        <translation>Not enough disk space: writing the database “{db}” failed; {lost}please free some disk space and try again. Data already saved is not affected.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区的数据库“{db}”是只读的（没有写入权限，或在只读的磁盘上），{lost}数据没有损坏；请把工作区放在可写的文件夹中。</source>
        <translation>The workspace database “{db}” is read-only (no write permission, or on a read-only disk); {lost}the data is not damaged. Please keep the workspace in a writable folder.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区的数据库“{db}”已损坏（{detail}），{lost}请运行“检查数据完整性”，并从最近的备份恢复。</source>
        <translation>The workspace database “{db}” is damaged ({detail}); {lost}please run “Check Data Integrity” and restore the latest backup.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读写数据库“{db}”时出现磁盘错误（可能是磁盘已满、已拔出或损坏），{lost}请检查磁盘后再试。</source>
        <translation>A disk error occurred while reading or writing the database “{db}” (the disk may be full, removed or damaged); {lost}please check the disk and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作区数据库的版本（{rev}）比本程序新，可能是用更新版本的 zwgk-desktop 创建的。为保护数据，本程序不会打开它，请安装最新版本后再试。</source>
        <translation>The workspace database version ({rev}) is newer than this app; it may have been created by a newer zwgk-desktop. To protect the data this app will not open it; please install the latest version and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日历文件“{name}”</source>
        <translation>calendar file “{name}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年的法定节假日和调休安排尚未收录（{known}按周一至周五为工作日估算），日期仅供参考。国务院办公厅公布放假安排后，可在“设置 → 节假日安排”中粘贴通知全文补充。</source>
        <translation>The official holidays and make-up working days of {year} are not known yet ({known}estimated with Monday to Friday as working days); dates are for reference only. When the State Council General Office publishes the holiday arrangements, paste the full notice under “Settings → Holiday Arrangements”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：日期应写成“YYYY-MM-DD”形式的字符串，而不是 {value!r}</source>
        <translation>{where}: dates must be strings like “YYYY-MM-DD”, not {value!r}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：无效的日期范围“{value}”</source>
        <translation>{where}: invalid date range “{value}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：日期“{value}”不在{year}年内</source>
        <translation>{where}: date “{value}” is not in {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：应为包含 year、holidays、workdays 的对象</source>
        <translation>{where}: expected an object with year, holidays and workdays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：缺少有效的年份（year），例如 2027</source>
        <translation>{where}: no valid year (year), e.g. 2027</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：{year}年没有列出任何节假日（holidays），请检查文件</source>
        <translation>{where}: no holidays listed for {year}; please check the file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：{day} 同时列为节假日和调休工作日</source>
        <translation>{where}: {day} is listed both as a holiday and as a make-up working day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：调休工作日 {isoformat} 不是周末</source>
        <translation>{where}: make-up working day {isoformat} is not at a weekend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目前只收录到{last}年，</source>
        <translation>known only up to {last}; </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：无法识别的日期“{value}”，应为“YYYY-MM-DD”或“起始日/结束日”</source>
        <translation>{where}: unrecognised date “{value}”; use “YYYY-MM-DD” or “start/end”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：{key} 应为日期列表</source>
        <translation>{where}: {key} must be a list of dates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}无法读取：{value}</source>
        <translation>{where} cannot be read: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}不是有效的 JSON（UTF-8）：{exc}</source>
        <translation>{where} is not valid JSON (UTF-8): {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：{year}年重复出现</source>
        <translation>{where}: {year} appears twice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未安装 chinesecalendar，内置节假日数据不可用，仅使用日历文件</source>
        <translation>chinesecalendar is not installed: the bundled holiday data is unavailable, only calendar files are used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{exc}，已忽略该文件</source>
        <translation>{exc}; the file was ignored</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>缺少{what}，无法计算截止日期</source>
        <translation>{what} is missing; the deadline cannot be calculated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准日期</source>
        <translation>the approval date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息形成（变更）日期</source>
        <translation>the date the information was created (changed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>台账年度</source>
        <translation>the ledger year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开时限“{text}”无法识别，请人工核对</source>
        <translation>Disclosure deadline “{text}” not understood; please check it by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长期、持续开展的事项，没有截止日期</source>
        <translation>An ongoing item with no due date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未填写公开时限，无法计算截止日期</source>
        <translation>No disclosure deadline; the due date cannot be calculated</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>元旦</source>
        <translation>New Year&apos;s Day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>春节</source>
        <translation>Spring Festival</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清明节</source>
        <translation>Qingming Festival</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>劳动节</source>
        <translation>Labour Day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>端午节</source>
        <translation>Dragon Boat Festival</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中秋节</source>
        <translation>Mid-Autumn Festival</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>国庆节</source>
        <translation>National Day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{month}月{day}日（{weekday}）</source>
        <translation>{month}/{day} ({weekday})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{m1}月{d1}日至{m2}月{d2}日</source>
        <translation>{m1}/{d1} to {m2}/{d2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day}（{weekday}）{what}属于{year}年，不在本次保存的{this}年安排中</source>
        <translation>{day} ({weekday}) {what} belongs to {year}, not to the {this} arrangements being saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“{name}”不是文本文件（应为 UTF-8 或 GBK 编码的 .txt）</source>
        <translation>File “{name}” is not a text file (it should be a UTF-8 or GBK .txt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年{month}月{day}日（{weekday}）</source>
        <translation>{year}-{month}-{day} ({weekday})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日</source>
        <translation>{y1}-{m1}-{d1} to {y2}-{m2}-{d2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{month}月{day}日</source>
        <translation>{month}/{day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：{first}至{last}是{n}天，通知中写的是“共{declared}天”，请核对</source>
        <translation>Line {line}: {first} to {last} is {n} days, but the notice says “{declared} days in all”; please check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：{festival}假期延长至{day}</source>
        <translation>Line {line}: the {festival} holiday is extended to {day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有内容：请粘贴国务院办公厅部分节假日安排通知的全文</source>
        <translation>Nothing pasted: please paste the full text of the State Council General Office&apos;s notice on holiday arrangements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文本中有{years}年的放假安排，请一次只粘贴一年的通知</source>
        <translation>The text holds arrangements for {years}; please paste one year&apos;s notice at a time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知中没有写明年份（如“关于2027年部分节假日安排的通知”），请指定年份</source>
        <translation>The notice names no year (as in “关于2027年部分节假日安排的通知”); please give the year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无效的年份：{year}</source>
        <translation>Invalid year: {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有找到放假安排：通知中应有“一、元旦：1月1日放假……”这样的各行，请粘贴通知全文</source>
        <translation>No holiday arrangements found: the notice should have lines such as “一、元旦：1月1日放假……”; please paste the full notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这是调整{year}年{festival}安排的通知：请把《国务院办公厅关于{year}年部分节假日安排的通知》全文粘贴在前面，一并识别和保存</source>
        <translation>This notice adjusts the {year} {festival} arrangements: paste the full “Notice of the General Office of the State Council on Holiday Arrangements for {year}” before it, to read and save both together</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：“{text}”中的日期缺少月份</source>
        <translation>Line {line}: a date in “{text}” has no month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：{day}是{actual}，通知中写的是“{written}”，请核对年份和日期</source>
        <translation>Line {line}: {day} is a {actual}, but the notice says “{written}”; please check the year and the date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：“{text}”中没有找到放假日期</source>
        <translation>Line {line}: no holiday dates found in “{text}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：要延长{festival}假期，但前面没有{festival}的放假安排（请把原通知一并粘贴在前面）</source>
        <translation>Line {line}: extends the {festival} holiday, but no {festival} arrangement comes before it (paste the original notice before it)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：没有找到假期延长到哪一天</source>
        <translation>Line {line}: the day the holiday is extended to was not found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：延长后的最后一天{day}不晚于原假期</source>
        <translation>Line {line}: the last day after the extension, {day}, is not later than the original holiday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知是{found}年的，不是{year}年的</source>
        <translation>The notice is for {found}, not {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取文件“{name}”：{error}</source>
        <translation>Cannot read file “{name}”: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：“{text}”中有不存在的日期（{m}月{d}日）</source>
        <translation>Line {line}: “{text}” holds a date that does not exist ({m}/{d})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：无效的日期范围“{range}”</source>
        <translation>Line {line}: invalid date range “{range}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：按调整后的安排替换第{first}行的{name}安排</source>
        <translation>Line {line}: replaces the {name} arrangement of line {first} with the adjusted one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放假</source>
        <translation>holiday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上班</source>
        <translation>working day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：{name}在第{first}行已有安排，同一通知中重复出现</source>
        <translation>Line {line}: {name} already has an arrangement on line {first}; it appears twice in the same notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：调休上班日{day}是{weekday}，不是周末，请核对</source>
        <translation>Line {line}: make-up working day {day} is a {weekday}, not a weekend day; please check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：{day}既放假又上班</source>
        <translation>Line {line}: {day} is both a holiday and a working day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：无法分清“{clause}”中哪天放假、哪天上班</source>
        <translation>Line {line}: cannot tell which days in “{clause}” are holidays and which are working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第{line}行：无法识别“{clause}”是放假还是上班（应写成“……放假”或“……上班”）</source>
        <translation>Line {line}: cannot tell whether “{clause}” is a holiday or a working day (it should read “……放假” or “……上班”)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{start}{n}个工作日内公开</source>
        <translation>within {n} working days {start}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{rule}，公示{display_workdays}个工作日</source>
        <translation>{rule}, displayed for {display_workdays} working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准之日起</source>
        <translation>from approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息形成（变更）之日起</source>
        <translation>from the date the information is created (changed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息形成（变更）之日起{n}日内公开（自然日）</source>
        <translation>within {n} days from the date the information is created (changed) (calendar days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批复后{n}日内公开（自然日）</source>
        <translation>within {n} days after the official reply (calendar days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准后{n}日内公开（自然日）</source>
        <translation>within {n} days after approval (calendar days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年{month}月{day}日前</source>
        <translation>by {year}-{month}-{day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每年{month}月{day}日前</source>
        <translation>by {month}/{day} every year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年{month}月底前</source>
        <translation>by the end of {month}/{year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{month}月底前</source>
        <translation>by the end of month {month}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年底前</source>
        <translation>by the end of {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年底前</source>
        <translation>by the end of the year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准之日起{n}个月内公开</source>
        <translation>within {n} months from approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息形成（变更）之日起{n}个月内公开</source>
        <translation>within {n} months from the date the information is created (changed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息形成（变更）后{n}小时内公开</source>
        <translation>within {n} hours after the information is created (changed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}{month}月{part}前（{month}月{end}前）</source>
        <translation>by {part} of month {month}{year} (by {end} of month {month})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年</source>
        <translation>/{year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}{month}月份（当月底前）</source>
        <translation>in month {month}{year} (by the end of that month)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长期、持续开展（没有截止日期）</source>
        <translation>ongoing (no due date)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上旬</source>
        <translation>the early part</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10日</source>
        <translation>the 10th</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中旬</source>
        <translation>the middle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>20日</source>
        <translation>the 20th</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下旬</source>
        <translation>the late part</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>底</source>
        <translation>the end</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每年</source>
        <translation>every year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每半年</source>
        <translation>every half year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每季度</source>
        <translation>every quarter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每月</source>
        <translation>every month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每周</source>
        <translation>every week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{every}{day}日前</source>
        <translation>by day {day}, {every}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{every}公开一次（周期末前）</source>
        <translation>once {every} (by the end of the period)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实时公开（信息形成当日）</source>
        <translation>in real time (the day the information is created)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>及时公开（无具体时限，按《政府信息公开条例》第二十六条不超过{statutory_workdays}个工作日）</source>
        <translation>promptly (no fixed limit; at most {statutory_workdays} working days under Article 26 of the Regulations on Government Information Disclosure)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法识别的公开时限：“{text}”，请人工核对</source>
        <translation>Unrecognised disclosure deadline: “{text}”; please check it by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未填写公开时限</source>
        <translation>No disclosure deadline given</translation>
    </message>
    <message>
        <location line="+265"/>
        <source>{name}：{problem}（{path}）</source>
        <translation>{name}: {problem} ({path})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>链接“{url}”不是有效的网址（应以 http:// 或 https:// 开头）。</source>
        <translation>Link “{url}” is not a valid web address (it should start with http:// or https://).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明内容不能为空。</source>
        <translation>The note cannot be empty.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到佐证材料“{evidence_id}”。</source>
        <translation>Evidence “{evidence_id}” not found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}：数据库中记录的存储位置“{path}”不是本程序写入的位置（可能被本程序之外的方式改动过），未读取该位置的文件</source>
        <translation>{name}: the storage location “{path}” recorded in the database is not one this app writes (it may have been changed outside this app); the file there was not read</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>找不到文件“{src}”，或它不是普通文件。</source>
        <translation>File “{src}” not found, or it is not a regular file.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“{name}”超过 2 GB，无法作为佐证材料。</source>
        <translation>File “{name}” is larger than 2 GB and cannot be used as evidence.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件缺失</source>
        <translation>file missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容已被改动（SHA-256 不符）</source>
        <translation>content changed (SHA-256 does not match)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无对应记录的文件</source>
        <translation>file without a record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制文件“{original_name}”时内容发生变化，请重试。</source>
        <translation>The content of “{original_name}” changed while it was being copied; please try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取文件“{src}”：{value}</source>
        <translation>Cannot read file “{src}”: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法把“{name}”写入工作区的佐证材料文件夹“{folder}”（{reason}），未添加。</source>
        <translation>Cannot write “{name}” into the workspace&apos;s evidence folder “{folder}” ({reason}); it was not added.</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>{who} 添加于 {time}</source>
        <translation>added by {who} on {time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按“{deadline_text}”，应在 {date} 前公开</source>
        <translation>By “{deadline_text}”, due by {date}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（空说明）</source>
        <translation>(empty note)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{first}{more}</source>
        <translation>{first}{more}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文字说明 · {added}</source>
        <translation>Note · {added}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{text}

{added}</source>
        <translation>{text}

{added}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期 {late_workdays} 个工作日</source>
        <translation>{late_workdays} working days late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{text}（估算）</source>
        <translation>{text} (estimated)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{due}：{verdict}</source>
        <translation>{due}: {verdict}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{size} · {added}</source>
        <translation>{size} · {added}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}
SHA-256：{sha256}
{added}</source>
        <translation>{name}
SHA-256: {sha256}
{added}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · {date} 查看</source>
        <translation> · checked {date}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{url}{seen} · {added}</source>
        <translation>{url}{seen} · {added}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{title}
{url}
{added}</source>
        <translation>{title}
{url}
{added}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应在 {date} 前公开</source>
        <translation>Due by {date}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项没有公开时限，无法判断是否按时</source>
        <translation>The item has no disclosure deadline, so timeliness cannot be judged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法根据公开时限算出截止日期</source>
        <translation>The due date cannot be worked out from the disclosure deadline</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>没有找到示例文件，安装可能不完整。</source>
        <translation>The example file was not found; the installation may be incomplete.</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>磁盘空间不足</source>
        <translation>not enough disk space</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有写入权限或磁盘为只读</source>
        <translation>no write permission, or the disk is read-only</translation>
    </message>
    <message>
        <location line="+194"/>
        <source>没有勾选任何事项，没有导入。</source>
        <translation>No item was ticked; nothing was imported.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更新清单时不能取消勾选事项；请在新版模板文件中删除不需要的事项。</source>
        <translation>Items cannot be unticked when updating a checklist; delete the items you do not need from the new template file instead.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（未分类）</source>
        <translation>(uncategorised)</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>无法连接数据库服务器“{url}”（{reason}）。数据没有被改动。</source>
        <translation>Cannot connect to the database server “{url}” ({reason}). No data was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表 {table} 第 {row} 行引用了表 {parent} 中不存在的记录（在本程序之外被改动）。</source>
        <translation>Row {row} of table {table} refers to a record missing from table {parent} (changed outside this app).</translation>
    </message>
    <message>
        <location line="-396"/>
        <source>没能识别，导入后按原文保留，请人工核对</source>
        <translation>Not understood; kept as written, please check it by hand after import</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>{reason}：{detail}</source>
        <translation>{reason}: {detail}</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>未写明时限</source>
        <translation>No time limit given</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>公开时限“{text}”没能识别</source>
        <translation>Disclosure deadline “{text}” not understood</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有责任单位</source>
        <translation>No responsible unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件中没有读到任何责任单位</source>
        <translation>No responsible unit found anywhere in the file</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>请至少把一列指定为“事项”或“内容”。</source>
        <translation>Assign at least one column to “Item” or “Content”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写清单名称。</source>
        <translation>Please enter a checklist name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{label}：{old} → {new}</source>
        <translation>{label}: {old} → {new}</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>没有读到任何事项。请检查文件内容，或在导入对话框中指定各列对应的字段。</source>
        <translation>No items were read. Check the file&apos;s content, or assign the columns to fields in the import dialog.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有找到表头：前 15 行中没有“事项”“公开内容”“具体要求”“责任单位”等列名。请确认这是政务公开目录或任务分解表，或在导入对话框中指定各列对应的字段。</source>
        <translation>No header found: the first 15 rows hold no column names such as “事项”, “公开内容”, “具体要求” or “责任单位”. Make sure this is a disclosure catalogue or a task breakdown table, or assign the columns to fields in the import dialog.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找到了表头，但表头下面没有任何事项行。</source>
        <translation>A header was found, but there are no item rows below it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到工作要点的提纲（“一、”“（一）”等编号），无法拆分出事项。</source>
        <translation>No outline (numbering such as “一、” or “（一）”) found in the work-points notice, so it cannot be split into items.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有找到表头，已跳过这个工作表。</source>
        <translation>No header found; this sheet was skipped.</translation>
    </message>
    <message>
        <location line="-230"/>
        <source>不是有效的 Word 文档（缺少正文 word/document.xml）。</source>
        <translation>Not a valid Word document (the body word/document.xml is missing).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word 文档已损坏，无法读取正文。</source>
        <translation>The Word document is damaged; its body cannot be read.</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>无法确定哪一列是“事项”（事项名称或具体要求）。请在导入对话框中指定各列对应的字段（命令行：--map 表头=字段，例如 --map 事项名称=事项）。</source>
        <translation>Cannot tell which column is the “Item” (item name or requirement). Assign the columns to fields in the import dialog (command line: “--map 表头=字段”, e.g. “--map 事项名称=事项”).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指定的列“{key}”在文件中没有找到，已忽略。</source>
        <translation>The column “{key}” given was not found in the file and was ignored.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个工作表没有事项。</source>
        <translation>This sheet holds no items.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有事项名称或内容</source>
        <translation>no item name or content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有分类名称，没有事项</source>
        <translation>only a category name, no item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这一行没有事项名称或内容，已跳过。</source>
        <translation>This row has no item name or content and was skipped.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“同上”没有可参照的上一行，已留空。</source>
        <translation>“同上” (same as above) has no row above to copy; left empty.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{member}”解压后 {size} MB，超过单个部件上限 {limit} MB，已拒绝导入。</source>
        <translation>“{member}” is {size} MB unpacked, more than the {limit} MB limit for one part; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {row} 行有内容，超过每个工作表 {limit} 行的导入上限，已拒绝导入（请删去多余的行，或把表格拆成几个文件）。</source>
        <translation>Row {row} has content beyond the import limit of {limit} rows per sheet; the import was refused (delete the extra rows, or split the table into several files).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {col} 列（{label} 列）有内容，超过每个工作表 {limit} 列的导入上限，已拒绝导入。</source>
        <translation>Column {col} (column {label}) has content beyond the import limit of {limit} columns per sheet; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表格范围 {rows} 行 × {cols} 列，超过 {limit} 个单元格的导入上限，已拒绝导入。</source>
        <translation>The table spans {rows} rows × {cols} columns, more than the import limit of {limit} cells; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合并单元格超过 {limit} 处的导入上限，已拒绝导入。</source>
        <translation>More than the import limit of {limit} merged cells; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文档中的表格一行超过 {limit} 列的导入上限，已拒绝导入。</source>
        <translation>A table row in the document has more than the import limit of {limit} columns; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文档中的表格单元格超过 {limit} 个的导入上限，已拒绝导入。</source>
        <translation>The tables in the document have more than the import limit of {limit} cells; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{member}”中有异常长的标记，文件已损坏或被改动，已拒绝导入。</source>
        <translation>“{member}” holds an abnormally long tag; the file is damaged or was altered, and the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文档段落超过 {limit} 个的导入上限，已拒绝导入。</source>
        <translation>The document has more than the import limit of {limit} paragraphs; the import was refused.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>文件已损坏或格式无法识别，无法读取表格内容。</source>
        <translation>The file is damaged or its format is not recognised; the table cannot be read.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} 字节</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件已加密（设置了打开密码），请在 Excel/WPS 中取消密码、另存后再导入。</source>
        <translation>The file is encrypted (it has an opening password); remove the password in Excel/WPS, save it again, then import it.</translation>
    </message>
    <message>
        <location line="-284"/>
        <source>文件不存在或无法打开。</source>
        <translation>The file does not exist or cannot be opened.</translation>
    </message>
    <message>
        <location line="+285"/>
        <source>不支持的文件类型“{value}”。请使用 Excel（.xlsx/.xls）、WPS/LibreOffice（.ods）、CSV、Word（.docx）或纯文本（.txt）文件。</source>
        <translation>Unsupported file type “{value}”. Use an Excel (.xlsx/.xls), WPS/LibreOffice (.ods), CSV, Word (.docx) or plain text (.txt) file.</translation>
    </message>
    <message>
        <location line="-284"/>
        <source>文件是空的（0 字节）。</source>
        <translation>The file is empty (0 bytes).</translation>
    </message>
    <message>
        <location line="+285"/>
        <source>文件过大（{value}），超过导入上限 {value2}。</source>
        <translation>The file is too large ({value}), over the import limit of {value2}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件解压后总大小 {value}，超过上限 {value2}，疑似“压缩炸弹”，已拒绝导入。</source>
        <translation>The file unpacks to {value} in all, over the limit of {value2} (suspected “zip bomb”); the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作表有 {rows} 行，超过每个工作表 {limit} 行的导入上限，已拒绝导入。</source>
        <translation>The sheet has {rows} rows, more than the import limit of {limit} rows per sheet; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作表有 {cols} 列，超过每个工作表 {limit} 列的导入上限，已拒绝导入。</source>
        <translation>The sheet has {cols} columns, more than the import limit of {limit} columns per sheet; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件不是文本文件（含有二进制内容），请检查扩展名。</source>
        <translation>The file is not a text file (it holds binary content); please check its extension.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读到 {n} 个事项，超过 {limit} 个的导入上限，已拒绝导入。</source>
        <translation>{n} items read, more than the import limit of {limit}; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读取耗时 {s} 秒，超过 {limit} 秒的导入上限，已停止导入，未写入任何内容。</source>
        <translation>Reading took {s} s, more than the import limit of {limit} s; the import was stopped and nothing was written.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件有 {n} 行（段落），超过 {limit} 的导入上限，已拒绝导入。</source>
        <translation>The file has {n} lines (paragraphs), more than the import limit of {limit}; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件内容是旧版 Office 格式，与扩展名“{ext}”不符。请在 Excel/WPS 中另存为 {ext} 后再导入，或把扩展名改为 .xls/.doc。</source>
        <translation>The file is in the old Office format, which does not match its extension “{ext}”. Save it as {ext} in Excel/WPS and import it again, or change the extension to .xls/.doc.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件已损坏，或不是有效的 {ext} 文件（扩展名与内容不符）。</source>
        <translation>The file is damaged, or not a valid {ext} file (the extension does not match the content).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件已损坏，无法作为 Office 文档打开。</source>
        <translation>The file is damaged and cannot be opened as an Office document.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件内部成员“{filename}”解压后异常巨大（压缩比 {ratio:.0f}:1），疑似“压缩炸弹”，已拒绝导入。</source>
        <translation>The member “{filename}” inside the file is abnormally large when unpacked (compression ratio {ratio:.0f}:1, suspected “zip bomb”); the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合并单元格共覆盖超过 {limit} 个单元格的导入上限，已拒绝导入。</source>
        <translation>The merged cells cover more than the import limit of {limit} cells; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法按 CSV 格式读取（{reason}）。</source>
        <translation>Cannot be read as CSV ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件内容是 .xlsx 格式，与扩展名“.xls”不符。请把扩展名改为 .xlsx 后再导入。</source>
        <translation>The file&apos;s content is .xlsx, which does not match its extension “.xls”. Change the extension to .xlsx and import it again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件已损坏，或不是有效的 .xls 文件（扩展名与内容不符）。</source>
        <translation>The file is damaged, or not a valid .xls file (the extension does not match the content).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件内容是 Office 文档，与扩展名“{ext}”不符。请改用正确的扩展名。</source>
        <translation>The file&apos;s content is an Office document, which does not match its extension “{ext}”. Please use the right extension.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元格超过 {limit} 个的导入上限，已拒绝导入。</source>
        <translation>More than the import limit of {limit} cells; the import was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有一个单元格超过 {limit} 个字符的导入上限，已拒绝导入。</source>
        <translation>A cell holds more than the import limit of {limit} characters; the import was refused.</translation>
    </message>
    <message>
        <location line="+41"/>
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
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>创建</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{action} {field}</source>
        <translation>{action} {field}</translation>
    </message>
    <message>
        <location line="-140"/>
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
        <translation>Disclosure deadline</translation>
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
        <location line="+131"/>
        <source>{when}  {who}  {change}</source>
        <translation>{when}  {who}  {change}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共 {total} 项</source>
        <translation>{total} items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期 {overdue}</source>
        <translation>Overdue {overdue}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前筛选 {visible} 项</source>
        <translation>{visible} shown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提醒：{alerts}。</source>
        <translation>Reminder – {alerts}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}：{before} → {after}</source>
        <translation>{label}: {before} → {after}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加佐证材料：{name}</source>
        <translation>Evidence added: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除佐证材料（已归档）：{name}</source>
        <translation>Evidence removed (archived): {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复佐证材料：{name}</source>
        <translation>Evidence restored: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记公开记录：{published}（{verdict}）</source>
        <translation>Publication recorded: {published} ({verdict})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模板更新修改了：{fields}</source>
        <translation>Changed by a template update: {fields}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入节假日安排：{years}年（{source}）</source>
        <translation>Holiday arrangements imported: {years} ({source})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{status} {n}</source>
        <translation>{status} {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{overdue} 项已逾期</source>
        <translation>overdue: {overdue}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{due_soon} 项将在 {due_soon_days} 天内到期</source>
        <translation>due within {due_soon_days} days: {due_soon}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记公开记录：{published}，{where}（{verdict}）</source>
        <translation>Publication recorded: {published}, {where} ({verdict})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档（模板更新中删除）</source>
        <translation>Archived (removed in a template update)</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>。</source>
        <translation>. </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location line="+202"/>
        <source>请填写公开日期。</source>
        <translation>Please enter the publication date.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开日期 {published_on} 早于信息形成（变更）日期 {formed_on}，请核对。</source>
        <translation>The publication date {published_on} is earlier than the date the information was created (changed), {formed_on}; please check.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>无法判断</source>
        <translation>Cannot tell</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>报告“{name}”</source>
        <translation>report “{name}”</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{source}的数据校验码 {code} 仍在变更记录中：之后又有 {n} 条变更记录。</source>
        <translation>The data check code {code} of {source} is still in the change log: {n} more change log entries were made since.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>数据校验码</source>
        <translation>the data check code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份“{name}”</source>
        <translation>backup “{name}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“{name}”中没有数据校验码：它不是本程序生成的 PDF 报告或备份（或由旧版本生成）。</source>
        <translation>File “{name}” holds no data check code: it is not a PDF report or backup made by this app (or it was made by an older version).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{source}的数据校验码 {code} 不在当前的变更记录中：变更记录在其生成之后被改写或删减（现有 {now} 条）。请用该时间之前的备份核对。</source>
        <translation>The data check code {code} of {source} is not in the current change log: the change log was rewritten or cut down after it was made (it now has {now} entries). Check against a backup from before that time.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}的数据校验码 {code} 与当前变更记录一致：之后没有新的变更。</source>
        <translation>The data check code {code} of {source} matches the current change log: nothing has changed since.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>找不到文件“{name}”，它也不是数据校验码（应为“条数-校验值”，如 123-0123456789abcdef）。</source>
        <translation>File “{name}” not found, and it is not a data check code either (it should read “count-checksum”, e.g. 123-0123456789abcdef).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份“{name}”中没有数据校验码（由旧版本的程序生成），无法核对。</source>
        <translation>Backup “{name}” holds no data check code (it was made by an older version of the app) and cannot be verified.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“{name}”过大，不是本程序生成的报告。</source>
        <translation>File “{name}” is too large to be a report made by this app.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取文件“{name}”（{reason}）。</source>
        <translation>Cannot read file “{name}” ({reason}).</translation>
    </message>
    <message>
        <location line="-490"/>
        <source>缺少第{parts}部分的标题（应依次为“一、总体情况”至“六、其他需要报告的事项”）</source>
        <translation>The heading of part {parts} is missing (the parts should run from “一、总体情况” to “六、其他需要报告的事项”)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二使用旧格式（2019年试行格式：本年新制作数量/本年新公开数量/对外公开总数量），应使用国办公开办函〔2021〕30号的格式（本年制发件数/本年废止件数/现行有效件数）</source>
        <translation>Table 2 uses the old format (the 2019 trial format: documents made / published / published in all this year); use the format of the 2021 notice of the State Council General Office (“国办公开办函〔2021〕30号”: issued / repealed / in force)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{table}无法读取：{why}</source>
        <translation>{table} cannot be read: {why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三“（六）其他处理”只有一行，应分为3个子行（逾期不补正、逾期未缴费、其他）</source>
        <translation>Table 3 has a single row for “（六）其他处理”; it should have 3 sub-rows (no correction in time, fee not paid in time, other)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三缺少{n}行：{rows}</source>
        <translation>Table 3 is missing {n} rows: {rows}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二 行政事业性收费（本年收费金额）没有读到数值</source>
        <translation>Table 2, administrative fees (“行政事业性收费”, amount this year): no number was read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二存在{n}个空白或&apos;/&apos;单元格（按0计算）</source>
        <translation>Table 2 has {n} blank or &apos;/&apos; cells (counted as 0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三存在{n}个空白或&apos;/&apos;单元格（按0计算）</source>
        <translation>Table 3 has {n} blank or &apos;/&apos; cells (counted as 0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表四存在{n}个空白或&apos;/&apos;单元格（按0计算）</source>
        <translation>Table 4 has {n} blank or &apos;/&apos; cells (counted as 0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第五部分“存在的主要问题及改进情况”为空或只写了“无”</source>
        <translation>Part 5 (main problems and improvements) is empty or only says “none”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第六部分没有说明信息处理费的收取情况（金额，或明确未收取）</source>
        <translation>Part 6 does not state the information processing fees charged (the amount, or that none were charged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>六个部分的标题顺序有误：{found}</source>
        <translation>The six part headings are out of order: {found}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二 {row}（{col}）没有读到数值</source>
        <translation>Table 2, {row} ({col}): no number was read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二 规章：{office}不具有规章制定权，规章各项应为0，填写为{values}</source>
        <translation>Table 2, rules: {office} has no power to make rules, so every rules figure should be 0, but they read {values}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三 {row}：{expr}={total}，但总计填写为{found}</source>
        <translation>Table 3, {row}: {expr}={total}, but the total reads {found}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三 {col}列：办理结果（一）至（六）合计为{total}，但（七）总计填写为{found}</source>
        <translation>Table 3, column {col}: results (1) to (6) add up to {total}, but the total (7) reads {found}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三 {col}列：本年新收{a}+上年结转{b}={left}，但办理结果总计{p}+结转下年度{f}={right}</source>
        <translation>Table 3, column {col}: new this year {a} + carried over from last year {b} = {left}, but results total {p} + carried to next year {f} = {right}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三 {col}列：上年报告“结转下年度继续办理”为{before}，但本年“上年结转”填写为{now}</source>
        <translation>Table 3, column {col}: last year&apos;s report carried {before} to this year, but this year&apos;s “carried over from last year” reads {now}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表四 {group}：{expr}={total}，但总计填写为{found}</source>
        <translation>Table 4, {group}: {expr}={total}, but the total reads {found}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二 行政事业性收费金额应为非负数（万元），填写为“{value}”</source>
        <translation>Table 2: the administrative fees (“行政事业性收费”) should be a non-negative amount (in 10,000 yuan), but read “{value}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二 {row}：上年现行有效{base}+本年制发{made}-本年废止{repealed}={expected}，但现行有效件数填写为{now}（如经清理，请在报告中说明）</source>
        <translation>Table 2, {row}: in force last year {base} + issued this year {made} - repealed this year {repealed} = {expected}, but the number in force reads {now} (if documents were cleaned up, explain it in the report)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三 {row}（{col}）应为非负整数，填写为“{value}”</source>
        <translation>Table 3, {row} ({col}) should be a non-negative whole number, but reads “{value}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表四 {group}（{col}）应为非负整数，填写为“{value}”</source>
        <translation>Table 4, {group} ({col}) should be a non-negative whole number, but reads “{value}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第一部分写“{what}{quoted}件”，但{cell}为{value}</source>
        <translation>Part 1 says “{what}{quoted}件”, but {cell} is {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表二 {row}（{col}）应为非负整数，填写为“{value}”</source>
        <translation>Table 2, {row} ({col}) should be a non-negative whole number, but reads “{value}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{year}年政府信息公开工作年度报告应于{due}前发布（还有{n}天）。</source>
        <translation>The {year} annual report on government information disclosure is due by {due} ({n} days left).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年政府信息公开工作年度报告应于{due}前发布，已逾期{n}天。</source>
        <translation>The {year} annual report on government information disclosure was due by {due}; it is {n} days overdue.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年报截止日期“{text}”无法识别，请写成 月-日，如 01-20</source>
        <translation>Annual report due date “{text}” cannot be read; write it as month-day, e.g. 01-20</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级设定</source>
        <translation>set by the county</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认（条例第四十九条）</source>
        <translation>default, Article 49 of the Regulations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区中没有{year}年的年度报告</source>
        <translation>The workspace has no annual report for {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年报截止日期“{text}”不是有效的日期</source>
        <translation>Annual report due date “{text}” is not a valid date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单中没有关于政府信息公开年度报告的事项（标题或内容含“年度报告”“年报”）</source>
        <translation>No checklist item is about the annual report on government information disclosure (title or content containing “年度报告” or “年报”)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单中有{n}个关于年度报告的事项，请指定其中一个：{titles}</source>
        <translation>{n} checklist items are about the annual report; name one of them: {titles}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>信息处理费“{value}”不能为负数</source>
        <translation>Information processing fee “{value}” cannot be negative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息处理费“{value}”不是有效的金额（元），请填写数字，例如 0 或 120.50</source>
        <translation>Information processing fee “{value}” is not a valid amount (yuan); enter a number, e.g. 0 or 120.50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>表二</source>
        <translation>Table 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表三</source>
        <translation>Table 3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表四</source>
        <translation>Table 4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{source}”中的年度报告数据有误：{where}{why}</source>
        <translation>The annual report data in “{source}” is wrong: {where} {why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为一个 JSON 对象</source>
        <translation>should be a JSON object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为年份，如 2023</source>
        <translation>should be a year, e.g. 2023</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为文本</source>
        <translation>should be text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为整数或原样的文字</source>
        <translation>should be a whole number or the text as printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为对象</source>
        <translation>should be an object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应写成文字形式的小数（如 &quot;7730.28&quot;），不能是浮点数</source>
        <translation>should be a decimal written as text (e.g. &quot;7730.28&quot;), not a floating-point number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为 {example} 对象</source>
        <translation>should be an object like {example}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为对象（本年制发件数、本年废止件数、现行有效件数）</source>
        <translation>should be an object (“本年制发件数”, “本年废止件数”, “现行有效件数”)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不是本表的行</source>
        <translation>is not a row of this table</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为 {width} 个数的列表</source>
        <translation>should be a list of {width} numbers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不支持的导出格式“{fmt}”：可用 {formats}</source>
        <translation>Unsupported export format “{fmt}”: available are {formats}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本版本尚不能把年度报告导出为 {fmt}（缺少该格式的生成模块）</source>
        <translation>This version cannot export the annual report as {fmt} yet (the module for that format is missing)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>文件过大，超过导入上限 {mb} MB。</source>
        <translation>The file is too large: over the {mb} MB import limit.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{label}”一行应有{want}个数，读到{n}个（{shown}）：单元格可能连在一起或错位，数字无法可靠区分</source>
        <translation>Row “{label}” should have {want} numbers, but {n} were read ({shown}): cells may run together or be shifted, so the numbers cannot be told apart reliably</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>使用2019年试行格式</source>
        <translation>uses the 2019 trial format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件中的报告年度为{found}年，与指定的{year}年不符</source>
        <translation>The report year in the file is {found}, not the {year} given</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有在文件中找到报告年度（标题应为“…YYYY年政府信息公开工作年度报告”），请指定年度</source>
        <translation>No report year found in the file (the title should read “…YYYY年政府信息公开工作年度报告”); please give the year</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF 文件已损坏或已加密，无法读取。</source>
        <translation>The PDF file is damaged or encrypted and cannot be read.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 文件已损坏或格式无法识别。</source>
        <translation>The Excel file is damaged or its format is not recognised.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word 文档正文过大，已拒绝读取。</source>
        <translation>The body of the Word document is too large and was refused.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表格文字连在一起，各单元格的数字无法区分（没有表格结构）</source>
        <translation>The table&apos;s text runs together, so the numbers of its cells cannot be told apart (no table structure)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不是有效的 JSON 文件（{why}）</source>
        <translation>Not a valid JSON file ({why})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有找到{table}的数字（表格可能以图片发布）</source>
        <translation>No numbers found for {table} (the table may have been published as an image)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 没有文字层（可能是扫描件），无法读取。</source>
        <translation>The PDF has no text layer (it may be a scan) and cannot be read.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不支持的年度报告文件类型“{ext}”：请使用 .json、.xlsx、.docx、.html 或 .pdf</source>
        <translation>Unsupported annual report file type “{ext}”: use .json, .xlsx, .docx, .html or .pdf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无扩展名</source>
        <translation>no extension</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作区中没有{year}年的年度报告：先用 zwgk annual import {year} 文件 导入，或在窗口中填写</source>
        <translation>The workspace has no annual report for {year}: import one first with zwgk annual import {year} FILE, or fill it in in the window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件夹“{folder}”中没有可读取的年度报告（.json、.xlsx、.docx、.html、.pdf）</source>
        <translation>Folder “{folder}” holds no readable annual report (.json, .xlsx, .docx, .html, .pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{file}”的{table}无法读取：{why}。没有导入任何内容。</source>
        <translation>{table} of “{file}” cannot be read: {why}. Nothing was imported.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{file}”使用2019年试行格式的表二，不能作为2021年格式的年度报告导入。没有导入任何内容。</source>
        <translation>“{file}” uses the 2019 trial format for Table 2 and cannot be imported as an annual report in the 2021 format. Nothing was imported.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有单位名称：请先用 zwgk settings --office 名称 设置本单位，或在报告中写明单位</source>
        <translation>No office name: set My office first with zwgk settings --office NAME, or name the office in the report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区</source>
        <translation>the workspace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区中没有{office}{year}年的年度报告</source>
        <translation>The workspace has no {year} annual report of {office}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{office}{year}年年度报告已被其他窗口或命令修改，请重新打开后再改</source>
        <translation>The {year} annual report of {office} was changed by another window or command; reopen it before editing</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>列“{name}”（第 {col} 列）不是本程序的模板格式中的列（可能来自更新版本的程序），其中 {n} 个单元格没有导入；其余各列已照常导入。</source>
        <translation>Column “{name}” (column {col}) is not a column of this app&apos;s template format (it may come from a newer version of the app); its {n} cells were not imported. All other columns were imported as usual.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这个文件的模板格式版本是 {version}，比本程序的 {ours} 新：本程序认识的列都已导入，新增的列见下面的提示。</source>
        <translation>This file is in template format version {version}, newer than this app&apos;s {ours}: every column this app knows was imported; the new columns are listed in the notes below.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模板格式的表头中没有“事项”列，无法读取事项。</source>
        <translation>The template-format header has no “事项” (Item) column, so the items cannot be read.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>列“{name}”有 {n} 个单元格没有导入（这一列默认不导入）；如需导入，请在导入对话框中为它指定字段（命令行：--map {name}=字段）。</source>
        <translation>Column “{name}” has {n} cells that were not imported (this column is not imported by default); to import it, assign it a field in the import dialog (command line: --map {name}=FIELD).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列“{name}”（第 {col} 列）没能识别，其中 {n} 个单元格没有导入。请在导入对话框中指定它对应的字段（命令行：--map {name}=字段），不需要时指定为“忽略”。</source>
        <translation>Column “{name}” (column {col}) was not recognised, and its {n} cells were not imported. Assign it a field in the import dialog (command line: --map {name}=FIELD), or set it to “Ignore” if it is not needed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按要求导入了一份不像清单的文件：{reason}。请逐项核对。</source>
        <translation>A file that does not look like a checklist was imported as asked: {reason}. Check each item.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表格{n}</source>
        <translation>Table {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文档中的 {n} 个表格没能识别出表头，已按正文提纲导入。如果表格才是任务清单，请把它另存为 Excel 后导入并指定各列对应的字段。</source>
        <translation>No header was recognised in the {n} tables of the document, so its outline was imported instead. If a table is the task list, save it as Excel, import that and assign the columns to fields.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已按文档中的表格导入；正文提纲中的 {n} 条没有另外导入。</source>
        <translation>Imported from the tables of the document; the {n} entries of the text outline were not imported as well.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>标题“{title}”是工作总结或报告</source>
        <translation>the title “{title}” is that of a work summary or report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这份文件不像是公开事项清单（{reason}），导入后会把报告的段落当成待办事项。如确需导入，请在导入窗口中确认，或在命令行加 --force。</source>
        <translation>This file does not look like a checklist of disclosure items ({reason}); importing it would turn the report&apos;s paragraphs into to-do items. To import it anyway, confirm in the import window, or add --force on the command line.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正文写有“{words}”，是工作总结或报告</source>
        <translation>the text says “{words}”, as a work summary or report does</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>模板格式版本“{version}”无法识别（应为“主版本.次版本”，如 {ours}），没有导入。</source>
        <translation>Template format version “{version}” is not recognised (it should be “major.minor”, e.g. {ours}); nothing was imported.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个文件的模板格式版本是 {version}，本程序只能读取 {major}.x 版本{advice}，没有导入。</source>
        <translation>This file is in template format version {version}; this app can only read version {major}.x {advice}. Nothing was imported.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（请升级本程序后再导入）</source>
        <translation>(upgrade this app, then import the file again)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（文件来自很旧的程序）</source>
        <translation>(the file comes from a very old version of the app)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>从这一行起的附件“{text}”没有读取：文本中的表格分不清行和列，只导入了正文的提纲。如果附件才是任务清单，请导入附件的 Excel 或 Word 表格。</source>
        <translation>The attachment “{text}” from this line on was not read: the rows and columns of a table in plain text cannot be told apart, so only the outline of the text was imported. If the attachment is the task list, import its Excel or Word table.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上级标题下的说明文字，不是单独的任务</source>
        <translation>explanatory text under a heading, not a task of its own</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结尾段落，不属于上面的任务</source>
        <translation>closing paragraph, not part of the task above</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>前言部分（指导思想、工作目标等），不是任务</source>
        <translation>preamble (guiding ideas, goals and the like), not a task</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模板事项</source>
        <translation>Template item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证关联</source>
        <translation>Evidence link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开记录</source>
        <translation>Publication record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度报告</source>
        <translation>Annual report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开日期</source>
        <translation>Publication date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息形成日期</source>
        <translation>Date the information was created</translation>
    </message>
    <message>
        <location line="-268"/>
        <source>公开内容</source>
        <translation>Content published</translation>
    </message>
    <message>
        <location line="+269"/>
        <source>公开位置</source>
        <translation>Where published</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所属事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档时间</source>
        <translation>Archived at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网址</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>存储位置</source>
        <translation>Storage location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>版本号</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{table} {short}</source>
        <translation>{table} {short}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（长文本）</source>
        <translation>(long text)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{table}“{title}”（{short}）</source>
        <translation>{table} “{title}” ({short})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>……另有 {n} 处与变更记录不符。</source>
        <translation>…and {n} more differences from the change log.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}的{field}与变更记录不符：记录为“{expected}”，现为“{actual}”（在本程序之外被改动，或最近的变更记录被删除）。</source>
        <translation>The {field} of {what} does not match the change log: recorded “{expected}”, now “{actual}” (changed outside this app, or the latest change log entries were deleted).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>变更记录是空的，但数据库中有 {n} 个模板及其事项：变更记录可能被整体删除。</source>
        <translation>The change log is empty, but the database holds {n} templates and their items: the whole change log may have been deleted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}不在变更记录中（在本程序之外添加，或其变更记录被删除）。</source>
        <translation>{what} is not in the change log (added outside this app, or its change log entries were deleted).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}已按变更记录删除，但又出现在数据库中。</source>
        <translation>{what} was deleted according to the change log, but is in the database again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}在变更记录中存在，但已从数据库中消失（在本程序之外被删除）。</source>
        <translation>{what} is in the change log, but has disappeared from the database (deleted outside this app).</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>工作区“{folder}”在网络驱动器或共享文件夹上（{where}），本程序不在这里打开它：数据库放在网络位置上，断网或多台电脑同时写入时可能损坏。请把工作区放在本机磁盘上（默认位置：{home}；关闭本程序后可把整个文件夹复制到本机磁盘，再用 --data-dir 指定）。与同事共享时：用“备份工作区”生成备份文件交给对方“从备份恢复”，或使用数据库服务器（--db-url）。数据没有被改动。</source>
        <translation>Workspace “{folder}” is on a network drive or shared folder ({where}); this app does not open it there: a database in a network location can be damaged when the network drops or several PCs write at once. Keep the workspace on a local disk (default location: {home}; after closing this app, copy the whole folder to a local disk and point --data-dir at it). To share with colleagues: make a backup with “Back Up Workspace” for them to load with “Restore from Backup”, or use a database server (--db-url). No data was changed.</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>无效的状态“{value}”，可选：{allowed}</source>
        <translation>Invalid status “{value}”; choose one of: {allowed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项“{id}”所在的清单“{name}”已移入回收站，请先恢复该清单。</source>
        <translation>The checklist “{name}” of item “{id}” is in the Recycle bin; restore that checklist first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个事项在您查看之后已被修改（可能是另一台电脑、命令行或其他同事），您这次的修改没有保存。当前：状态 {status_labels}，承办人 {value}，到期日 {value2}，备注 {value3}。</source>
        <translation>This item was changed after you opened it (perhaps on another computer, from the command line or by a colleague); your change was not saved. Now: status {status_labels}, assignee {value}, due date {value2}, note {value3}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到事项“{record_id}”。</source>
        <translation>Item “{record_id}” not found.</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分类：{category}</source>
        <translation>Category: {category}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任单位：{owner}</source>
        <translation>Responsible unit: {owner}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还没有设置单位名称，报告的封面和页眉需要它。请先设置：zwgk settings --office 单位名称（或只为这一份报告加 --office 单位名称）。</source>
        <translation>The office name is not set yet; the report&apos;s cover and page headers need it. Set it first: zwgk settings --office NAME (or add --office NAME for this one report).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单“{name}”中没有符合“{value}”的事项，无法生成报告。</source>
        <translation>Checklist “{name}” has no items matching “{value}”; no report can be made.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>无法加载报告字体：{value}</source>
        <translation>Cannot load the report font: {value}</translation>
    </message>
    <message>
        <location line="+155"/>
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
    <message>
        <location line="+1"/>
        <source>标题行</source>
        <translation>title row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注释行</source>
        <translation>note row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重复的表头</source>
        <translation>repeated header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空行</source>
        <translation>blank row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>other</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}：{message}</source>
        <translation>{where}: {message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“{file}”</source>
        <translation>File “{file}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作表“{sheet}”</source>
        <translation>sheet “{sheet}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {row} 行</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列“{column}”</source>
        <translation>column “{column}”</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>没有办理记录</source>
        <translation>No work done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态：{status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有应用更新，清单“{name}”没有任何改动：
{problems}</source>
        <translation>The update was not applied; checklist “{name}” is unchanged:
{problems}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证材料 {n} 份</source>
        <translation>evidence files: {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公开记录 {n} 条</source>
        <translation>publication records: {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改 {n} 次</source>
        <translation>edits: {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人：{name}</source>
        <translation>Assignee: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注：{note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>相近事项未确认：“{old}” 与新版的 “{new}”（相似度 {score}%）：视为同一事项还是新事项？</source>
        <translation>Similar item not confirmed: “{old}” and the new version&apos;s “{new}” ({score}% similar): the same item or a new one?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>将归档的事项“{title}”有办理记录（{work}），需要逐项确认归档。</source>
        <translation>Item “{title}”, to be archived, has work done ({work}); archiving it must be confirmed item by item.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{year}年放假安排</source>
        <translation>Holiday arrangements for {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库地址“{url}”无法识别，应写成 postgresql+psycopg2://用户:密码@服务器/数据库。</source>
        <translation>Database address “{url}” cannot be read; write it as postgresql+psycopg2://USER:PASSWORD@SERVER/DATABASE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区“{folder}”是只读的（没有写入权限，或在只读的磁盘、光盘上），本程序无法在其中保存修改。数据没有损坏：请把整个文件夹复制到可写的位置后用 --data-dir 打开，或修改文件夹权限。</source>
        <translation>Workspace “{folder}” is read-only (no write permission, or on a read-only disk or CD), so this app cannot save changes in it. The data is not damaged: copy the whole folder to a writable place and open it with --data-dir, or change the folder&apos;s permissions.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注意：日历文件夹中的“{other}”也给出了{year}年的安排，并优先于刚保存的通知生效，请删除或更正该文件</source>
        <translation>Note: “{other}” in the calendar folder also gives the {year} arrangements and takes precedence over the notice just saved; please delete or correct that file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>变更记录中有 {n} 条与其校验值不符（序号 {join}{value}），可能被本程序之外的方式改动过。</source>
        <translation>{n} change log entries do not match their checksums (No. {join}{value}); they may have been altered outside this app.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法创建工作区文件夹“{folder}”：{value}</source>
        <translation>Cannot create the workspace folder “{folder}”: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法使用数据库“{url}”：{reason}</source>
        <translation>Cannot use database “{url}”: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法打开工作区“{folder}”的数据库：文件已损坏或不是本程序的数据库（{orig}）。数据没有被改动。可以用“从备份恢复”恢复最近的备份；升级前的自动备份在其中的 backups 文件夹。</source>
        <translation>Cannot open the database of workspace “{folder}”: the file is damaged or not a database of this app ({orig}). The data was not changed. You can restore the latest backup with “Restore from Backup”; the automatic backups made before upgrades are in its backups folder.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法打开工作区“{folder}”：写入失败（{reason}），数据没有被改动。</source>
        <translation>Cannot open workspace “{folder}”: writing failed ({reason}); the data was not changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库文件检查：{line}</source>
        <translation>Database file check: {line}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取变更记录（{reason}）。</source>
        <translation>Cannot read the change log ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取数据库中的记录（{reason}）。</source>
        <translation>Cannot read the records in the database ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作区“{folder}”正被另一个程序占用（数据库已锁定），请稍后再试。</source>
        <translation>Workspace “{folder}” is in use by another program (database locked); please try again later.</translation>
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
        <location filename="../../zwgk_desktop/ui/import_dialog.py" line="-185"/>
        <source>模板文件 (*.xlsx *.xls *.xlsm *.ods *.csv *.txt *.docx)</source>
        <translation>Templates (*.xlsx *.xls *.xlsm *.ods *.csv *.txt *.docx)</translation>
    </message>
    <message>
        <location line="+277"/>
        <source>正在读取“{0}”…</source>
        <translation>Reading “{0}”…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这份文件不像清单</source>
        <translation>This file does not look like a checklist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作总结、年度报告等文件的段落不是待办事项。确定仍要把它作为清单导入吗？</source>
        <translation>The paragraphs of a work summary, annual report or similar file are not to-do items. Import it as a checklist anyway?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>仍然导入</source>
        <translation>Import Anyway</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不导入</source>
        <translation>Don&apos;t Import</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在写入 {0} 个事项…</source>
        <translation>Saving {0} items…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择要导入的模板文件</source>
        <translation>Choose a Template to Import</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+30"/>
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
        <location filename="../../zwgk_desktop/ui/report_actions.py" line="+48"/>
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
        <location line="+43"/>
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
        <location filename="core_messages.py" line="+106"/>
        <source>，请稍候…</source>
        <translation>, please wait…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这一步不能中途取消，完成后会自动关闭。</source>
        <translation>This step cannot be cancelled midway; this window closes by itself when it is done.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在完成当前步骤，完成后立即停止，已完成的部分不会丢失。</source>
        <translation>Finishing the current step, then stopping; what is already done is not lost.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
</TS>
