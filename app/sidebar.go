package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bookmarkIcon is a bookmark ribbon (Fyne's theme has none), recoloured by
// the theme like its own icons.
var bookmarkIcon = theme.NewThemedResource(fyne.NewStaticResource("bookmark.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M6 3h12a1 1 0 0 1 1 1v17l-7-4-7 4V4a1 1 0 0 1 1-1z"/></svg>`)))

// bookmarkOutlineIcon is the ribbon's outline: "not bookmarked yet". Drawn
// as a filled ring, not a stroke: the theme recolours fills only, and the
// stroke stayed black, unseen in the dark theme (found by a UI pass).
var bookmarkOutlineIcon = theme.NewThemedResource(fyne.NewStaticResource("bookmark-outline.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" fill-rule="evenodd" d="M5.5 3h13v17.9l-6.5-3.7-6.5 3.7zM7.5 5v12.45l4.5-2.56 4.5 2.56V5z"/></svg>`)))

// sectionTitles name the sidebar's sections in the View menu.
var sectionTitles = map[string]string{
	"library": "Library", "bookmarks": "Bookmarks", "actors": "Actors", "sources": "Sources",
	"claims": "Claims", "saved": "Saved searches and history",
}

// sidebarSection is one view of the sidebar.
type sidebarSection struct {
	name    string
	icon    fyne.Resource
	content fyne.CanvasObject
	onShow  func()
	onHide  func() // when another section is shown
	button  *widget.Button
}

// sidebar switches between Library, Bookmarks, Actors, Sources and Saved
// searches with a row of icon buttons, keeping the narrow pane uncluttered.
type sidebar struct {
	heading  *widget.Label
	sections []*sidebarSection
	stack    *fyne.Container
	current  int
	switched func() // before another section shows (takes tips down)
	shown    func() // after a section shows (fits the window back within the screen)
	narrow   *bool  // the panes take their narrow least widths (narrow.go)
}

func newSidebar(sections ...*sidebarSection) *sidebar {
	s := &sidebar{heading: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	s.sections = sections
	var objs []fyne.CanvasObject
	for i, sec := range sections {
		i := i
		sec.button = widget.NewButtonWithIcon("", sec.icon, func() { s.show(i) })
		sec.button.Importance = widget.LowImportance
		objs = append(objs, sec.content)
	}
	s.stack = container.NewStack(objs...)
	s.show(0)
	return s
}

func (s *sidebar) content() fyne.CanvasObject {
	var buttons []fyne.CanvasObject
	for _, sec := range s.sections {
		buttons = append(buttons, sec.button)
	}
	bar := container.New(&sectionBarLayout{narrow: s.narrow}, buttons...)
	return container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, s.stack)
}

// show makes section i visible and refreshes it.
func (s *sidebar) show(i int) {
	if s.switched != nil {
		s.switched()
	}
	if prev := s.sections[s.current]; s.current != i && prev.onHide != nil {
		prev.onHide()
	}
	s.current = i
	for j, sec := range s.sections {
		if j == i {
			sec.content.Show()
			sec.button.Importance = widget.HighImportance
		} else {
			sec.content.Hide()
			sec.button.Importance = widget.LowImportance
		}
		sec.button.Refresh()
	}
	if s.sections[i].onShow != nil {
		s.sections[i].onShow()
	}
	if s.shown != nil {
		s.shown()
	}
}

// showNamed shows the section with the given name.
func (s *sidebar) showNamed(name string) {
	for i, sec := range s.sections {
		if sec.name == name {
			s.show(i)
			return
		}
	}
}
