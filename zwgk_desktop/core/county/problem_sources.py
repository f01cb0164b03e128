"""Where a problem on the county's list (问题清单) came from: a vocabulary the CLI's parser needs without
importing the county core."""

SOURCES = ("季度检查", "第三方评估", "上级通报", "日常检查")
