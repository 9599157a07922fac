package app

// Preference keys, persisted with Fyne's preferences API.
const (
	prefWindowWidth     = "window.width"
	prefWindowHeight    = "window.height"
	prefSplitSidebar    = "split.sidebar"
	prefSplitResults    = "split.results"
	prefTheme           = "view.theme"     // "system", "light" or "dark"
	prefTextScale       = "view.textScale" // 1.0 = theme default
	prefLastFile        = "file.last"
	prefRecentFiles     = "file.recent"
	prefLastQuery       = "search.last"
	prefGroupByDocument = "view.groupByDocument"
	prefSidebarHidden   = "view.sidebarHidden"
	prefSearchHistory   = "search.history" // recent queries, most recent first
	maxSearchHistory    = 50
	maxRecentFiles      = 8
	defaultTextScale    = 1.0
	minTextScale        = 0.8
	maxTextScale        = 1.8
	textScaleStep       = 0.1
	defaultSidebarPos   = 0.2
	defaultResultsPos   = 0.42
)
